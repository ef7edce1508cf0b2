import { interrupt } from '@langchain/langgraph';

/** What a clarifying-questions pause carries out of the graph; the answers come back in the same order. */
export interface QuestionsRequest {
  type: 'questions';
  questions: string[];
}

/**
 * Pauses the graph for one round of questions. Interactive sessions answer them; headless ones get empty answers
 * and the agent proceeds on its own judgement. Returns only the questions that were answered.
 */
export function askQuestions(questions: string[]): { question: string; answer: string }[] {
  if (questions.length === 0) return [];
  const answers = interrupt<QuestionsRequest, string[]>({ type: 'questions', questions });
  return questions.map((question, i) => ({ question, answer: (answers[i] ?? '').trim() })).filter((qa) => qa.answer);
}
