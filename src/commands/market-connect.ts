import { connectCommand } from './connect';

export default connectCommand(['x', 'slack']);
