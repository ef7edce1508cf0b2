// The top-level domains a bare domain (no scheme) must end with to be taken for a link, as X does. Every two-letter
// country code, and the generic TLDs seen in practice; X knows about 1,500 generic ones, the rest are rare.
const COUNTRY_CODES =
  'ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo fr ' +
  'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ' +
  'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt ' +
  'mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw ' +
  'sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz ' +
  'ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';

const GENERIC =
  'com net org info biz edu gov mil int name pro mobi aero coop museum jobs travel tel asia cat post app dev page new ' +
  'blog shop store online site website tech technology cloud xyz top club live life world today news media digital ' +
  'design studio agency solutions services software systems company group global network email link click space fun ' +
  'art one vip inc llc ltd academy business center community consulting events expert guru health marketing money ' +
  'photo photography pics plus press social support team tips tools training video wiki work works zone codes build ' +
  'run games game chat engineering finance capital ventures fund law legal data security host hosting domains';

/** A regular-expression alternation of the known TLDs, longest first. */
export const TLD_ALTERNATION = [...COUNTRY_CODES.split(' '), ...GENERIC.split(' '), 'xn--[0-9a-z-]+']
  .sort((a, b) => b.length - a.length)
  .join('|');
