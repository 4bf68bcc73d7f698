import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canAdmin, denialMessage } from '../../core/access/policies.ts';
import type { ValidationRuleSet } from '../../core/monitoring/validation-rule.types.ts';
import { defaultRulesFor, parseValidationRuleSet } from '../../core/monitoring/validation-rules.ts';
import type { Database } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import {
  deleteValidationRules,
  findValidationRuleMeta,
  loadValidationRules,
  saveValidationRules,
} from '../../storage/repositories/data-value.repository.ts';
import { loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { accessDenied, badRequest, notFound } from './monitoring.errors.ts';
import { actorRef, nowIso } from './monitoring-context.ts';

export interface IndicatorRules {
  indicatorCode: string;
  /** The rules in force: the stored ones, else the defaults. */
  rules: ValidationRuleSet;
  defaults: ValidationRuleSet;
  /** true when the statistics bureau set them (not the defaults). */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

async function definitionOf(db: Kysely<Database>, code: string) {
  const indicator = (await loadReportingCatalogue(db)).find((i) => i.definition.code === code);
  if (indicator === undefined) throw notFound(`指标“${code}”`);
  return indicator.definition;
}

export async function getValidationRules(db: Kysely<Database>, actor: Actor, indicatorCode: string): Promise<IndicatorRules> {
  if (actor.roles.length === 0) throw accessDenied('无权查看校验规则：账号没有任何角色');
  const definition = await definitionOf(db, indicatorCode);
  const [stored] = await loadValidationRules(db, [indicatorCode]);
  const meta = stored === undefined ? null : await findValidationRuleMeta(db, indicatorCode);
  const defaults = defaultRulesFor(definition);
  return {
    indicatorCode,
    rules: stored ?? defaults,
    defaults,
    custom: stored !== undefined,
    updatedAt: meta?.updatedAt ?? null,
    updatedBy: meta?.updatedByName ?? null,
  };
}

/** Sets an indicator's rules (statistics bureau, administrator), checked by parseValidationRuleSet; audited. */
export async function setValidationRules(db: Kysely<Database>, actor: Actor, indicatorCode: string, raw: unknown): Promise<IndicatorRules> {
  if (!canAdmin(actor)) throw accessDenied(denialMessage(actor, 'admin', '校验规则'));
  const parsed = parseValidationRuleSet(typeof raw === 'object' && raw !== null ? { indicatorCode, ...raw } : raw);
  if (!parsed.ok) throw badRequest(`校验规则有误：${parsed.errors.join('；')}`, { errors: parsed.errors });
  if (parsed.rules.indicatorCode !== indicatorCode) {
    throw badRequest(`校验规则的指标代码（${parsed.rules.indicatorCode}）与地址中的指标代码（${indicatorCode}）不一致`);
  }
  return inTransaction(db, async (trx) => {
    const before = await getValidationRules(trx, actor, indicatorCode);
    const now = nowIso();
    const who = actorRef(actor);
    await saveValidationRules(trx, parsed.rules, who, now);
    await appendAudit(trx, [
      {
        at: now, user_id: who.id, user_name: who.name, action: 'rules.set', entity: 'validation_rule', entity_key: indicatorCode, form_id: null,
        before_json: JSON.stringify(before.rules), after_json: JSON.stringify(parsed.rules), reason: null, origin: null,
      },
    ]);
    return getValidationRules(trx, actor, indicatorCode);
  });
}

/** Drops an indicator's stored rules: the defaults apply again. */
export async function resetValidationRules(db: Kysely<Database>, actor: Actor, indicatorCode: string): Promise<IndicatorRules> {
  if (!canAdmin(actor)) throw accessDenied(denialMessage(actor, 'admin', '校验规则'));
  return inTransaction(db, async (trx) => {
    const before = await getValidationRules(trx, actor, indicatorCode);
    if (await deleteValidationRules(trx, indicatorCode)) {
      const now = nowIso();
      const who = actorRef(actor);
      await appendAudit(trx, [
        {
          at: now, user_id: who.id, user_name: who.name, action: 'rules.reset', entity: 'validation_rule', entity_key: indicatorCode, form_id: null,
          before_json: JSON.stringify(before.rules), after_json: JSON.stringify(before.defaults), reason: null, origin: null,
        },
      ]);
    }
    return getValidationRules(trx, actor, indicatorCode);
  });
}
