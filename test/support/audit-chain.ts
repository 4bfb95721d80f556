import { loadConfig } from '../../src/config/env.js';
import { AuditChain } from '../../src/store/audit-chain.js';

/** The audit chain a bot of the default configuration keeps under `prefix`. */
export const auditChain = (prefix: string) => AuditChain.keptForDays(prefix, loadConfig({}).auditRetentionDays);
