import { connectCommand } from './connect';

export default connectCommand(['salesforce', 'slack']);
