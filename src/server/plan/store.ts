import { randomUUID } from 'node:crypto';
import { setNamedWorkerInTx } from '../assignments';
import { createOnce } from '../admin/form-keys';
import { auditClientChange, changedFields } from '../admin/audit';
import type { Database, Tx } from '../db';
import type { Feeling, Goal, GoalAnswer, PlanVersion, ScheduleDay } from '@domain/plan/plan';
import type { GoalChange } from '@domain/plan/goal-form';
import type { ParsedPlan } from '@domain/plan/plan-form';
import { todayInHelsinki } from '@domain/time/helsinki';
import type { AuditAction } from '@domain/logs/catalogue';
import type { TextIn, TranslatedLang, Translations } from '@domain/plan/client-text';

/** All SQL about plans and goals. */

/** The staff-written texts that may have versions in other languages (migration 0010). */
type TextKind = 'plan_summary' | 'goal_title' | 'step_title' | 'goal_comment';

/** The texts of these records in languages other than Finnish, by record id. */
async function translationsOf(db: Pick<Database, 'all'>, kind: TextKind, ids: number[]): Promise<Map<number, Translations>> {
  const byId = new Map<number, Translations>();
  if (ids.length === 0) return byId;
  const rows = await db.all<{ record_id: number; lang: TranslatedLang; text: string }>(
    `SELECT record_id, lang, text FROM text_translations WHERE kind = ? AND record_id IN (${ids.map(() => '?').join(', ')})`,
    [kind, ...ids],
  );
  for (const r of rows) byId.set(r.record_id, { ...byId.get(r.record_id), [r.lang]: r.text });
  return byId;
}

/**
 * Writes a record's text in one language (an empty text removes it), inside the caller's
 * transaction; answers the text it had before ('' for none), for the audit row.
 */
async function setTranslation(tx: Tx, kind: TextKind, recordId: number, textIn: TextIn): Promise<string> {
  const before = await tx.get<{ text: string }>('SELECT text FROM text_translations WHERE kind = ? AND record_id = ? AND lang = ?', [kind, recordId, textIn.lang]);
  const text = textIn.text.trim();
  if (text) {
    await tx.run(
      `INSERT INTO text_translations (kind, record_id, lang, text) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, record_id, lang) DO UPDATE SET text = excluded.text`,
      [kind, recordId, textIn.lang, text],
    );
  } else if (before) {
    await tx.run('DELETE FROM text_translations WHERE kind = ? AND record_id = ? AND lang = ?', [kind, recordId, textIn.lang]);
  }
  return before?.text ?? '';
}

/**
 * The audit field of a text in a language (`title_sv`, `summary_en`); a new record's empty one
 * is left out (`keepEmpty` for a change, where '' says the text was removed).
 */
const inField = (field: string, textIn: TextIn | null | undefined, keepEmpty = false) =>
  textIn && (keepEmpty || textIn.text.trim()) ? { [`${field}_${textIn.lang}`]: textIn.text.trim() } : {};

export function currentPlan(db: Database, clientId: number): Promise<PlanVersion | null> {
  return planVersion(db, clientId, null);
}

/** One version of a client's plan (null: the newest), with its weekly schedule. */
export async function planVersion(db: Database, clientId: number, version: number | null): Promise<PlanVersion | null> {
  const plan = await db.get<Omit<PlanVersion, 'schedule'>>(
    `SELECT v.id, v.client_id, v.version, v.service_type, v.place_name, v.place_address, v.place_picture,
            v.place_photo_id, ph.width AS place_photo_width, ph.height AS place_photo_height, v.named_worker_id,
            v.starts_on, v.review_on, v.legal_basis, v.summary, v.created_at
       FROM plan_versions v LEFT JOIN photos ph ON ph.id = v.place_photo_id
      WHERE v.client_id = ? AND (? IS NULL OR v.version = ?) ORDER BY v.version DESC LIMIT 1`,
    [clientId, version, version],
  );
  if (!plan) return null;
  const [schedule, summaryIn] = await Promise.all([
    db.all<ScheduleDay>('SELECT weekday, starts_at, ends_at FROM plan_schedule WHERE plan_version_id = ? ORDER BY weekday', [plan.id]),
    translationsOf(db, 'plan_summary', [plan.id]),
  ]);
  return { ...plan, summaryIn: summaryIn.get(plan.id) ?? {}, schedule };
}

/** Active goals with their steps, answers (oldest first) and the worker's latest comment. */
export async function activeGoals(db: Database, clientId: number): Promise<Goal[]> {
  const goals = await db.all<{ id: number; picture: string; title: string }>(
    "SELECT id, picture, title FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position, id",
    [clientId],
  );
  if (goals.length === 0) return [];
  const ids = goals.map((g) => g.id);
  const marks = ids.map(() => '?').join(', ');
  const [steps, answers, comments] = await Promise.all([
    db.all<{ id: number; goal_id: number; title: string; done_on: string | null }>(
      `SELECT id, goal_id, title, done_on FROM goal_steps WHERE goal_id IN (${marks}) AND archived = 0 ORDER BY position, id`,
      ids,
    ),
    db.all<GoalAnswer & { goal_id: number }>(
      `SELECT goal_id, feeling, words, created_at FROM goal_answers WHERE goal_id IN (${marks}) ORDER BY created_at, id`,
      ids,
    ),
    db.all<{ id: number; goal_id: number; text: string; worker: string; created_at: number }>(
      `SELECT c.id, c.goal_id, c.text, p.full_name AS worker, c.created_at
         FROM goal_comments c JOIN people p ON p.id = c.worker_id
        WHERE c.goal_id IN (${marks}) ORDER BY c.created_at DESC, c.id DESC`,
      ids,
    ),
  ]);
  const latest = goals.map((g) => comments.find((c) => c.goal_id === g.id)).filter((c) => c !== undefined);
  const [titlesIn, stepsIn, commentsIn] = await Promise.all([
    translationsOf(db, 'goal_title', ids),
    translationsOf(db, 'step_title', steps.map((s) => s.id)),
    translationsOf(db, 'goal_comment', latest.map((c) => c.id)),
  ]);
  return goals.map((g) => {
    const comment = latest.find((c) => c.goal_id === g.id);
    return {
      ...g,
      titleIn: titlesIn.get(g.id) ?? {},
      steps: steps.filter((s) => s.goal_id === g.id).map((s) => ({ id: s.id, title: s.title, titleIn: stepsIn.get(s.id) ?? {}, done: s.done_on !== null })),
      answers: answers.filter((a) => a.goal_id === g.id).map(({ feeling, words, created_at }) => ({ feeling, words, created_at })),
      latestComment: comment ? { text: comment.text, textIn: commentsIn.get(comment.id) ?? {}, worker: comment.worker, created_at: comment.created_at } : null,
    };
  });
}

export interface ReachedGoal {
  id: number;
  picture: string;
  title: string;
  titleIn?: Translations;
  reached_on: string | null;
}

/** Goals the client has reached (not archived), newest first: a record to be proud of. */
export async function reachedGoals(db: Database, clientId: number): Promise<ReachedGoal[]> {
  const goals = await db.all<ReachedGoal>(
    `SELECT id, picture, title, reached_on FROM goals WHERE client_id = ? AND status = 'done'
      ORDER BY reached_on IS NULL, reached_on DESC, position, id`,
    [clientId],
  );
  const titlesIn = await translationsOf(db, 'goal_title', goals.map((g) => g.id));
  return goals.map((g) => ({ ...g, titleIn: titlesIn.get(g.id) ?? {} }));
}

/** The client whose goal this is (to check access before anything else). */
export async function goalOwner(db: Database, goalId: number): Promise<number | null> {
  const row = await db.get<{ client_id: number }>("SELECT client_id FROM goals WHERE id = ? AND status = 'active'", [goalId]);
  return row?.client_id ?? null;
}

/**
 * Records one "Miten menee?" answer. The same idempotency key again (a double tap, a resent
 * form, the back button) records nothing new; returns whether this call recorded it.
 */
export async function recordAnswer(
  db: Database,
  answer: { goalId: number; answeredBy: number; feeling: Feeling; words: string; key: string },
  now = Date.now(),
): Promise<boolean> {
  const { changes } = await db.write((tx) =>
    tx.run(
      `INSERT INTO goal_answers (goal_id, answered_by, feeling, words, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      [answer.goalId, answer.answeredBy, answer.feeling, answer.words, answer.key, now],
    ),
  );
  return changes === 1;
}

/**
 * A checked plan form (domain/plan/plan-form.ts) and the place photo are what a new version is
 * made of; `summary_in`: the summary in the client's language, when they read Swedish or English.
 */
export type PlanInput = ParsedPlan & { place_photo_id: number | null; summary_in?: TextIn | null };


/**
 * Saves the plan as a new version (earlier versions stay as they were) and makes its days and
 * hours the client's current schedule, in one transaction, with its audit row (the fields that
 * differ from the previous version). The version records the named worker of the day. Only a
 * unit admin (`by.unitAdminOf`, the unit they administer) may name another worker here, through
 * the audited assignments path; from anyone else `input.named_worker_id` is ignored.
 *
 * One version per form (`key`, made when the editor was shown): a double click or a resent form
 * answers with the version the first post saved. Null: the key was someone else's form.
 */
export async function savePlanVersion(db: Database, clientId: number, input: PlanInput, by: { id: number; unitAdminOf: number | null }, key: string, now = Date.now()): Promise<number | null> {
  return db.write(async (tx) => {
    let version = 0;
    const saved = await createOnce(tx, { kind: 'plan', key: key || randomUUID(), actorId: by.id }, async () => {
      const previous = await tx.get<Record<string, unknown> & { id: number; version: number }>(
        `SELECT id, version, service_type, place_name, place_address, place_picture, place_photo_id, named_worker_id, starts_on, review_on, legal_basis, summary
           FROM plan_versions WHERE client_id = ? ORDER BY version DESC LIMIT 1`,
        [clientId],
      );
      // The summary in the client's language is compared with the previous version's, for the audit.
      const summaryIn = input.summary_in ?? undefined;
      if (previous && summaryIn) {
        previous[`summary_${summaryIn.lang}`] = (await translationsOf(tx, 'plan_summary', [previous.id])).get(previous.id)?.[summaryIn.lang] ?? '';
      }
      version = (previous?.version ?? 0) + 1;
      if (by.unitAdminOf !== null && input.named_worker_id !== null) {
        await setNamedWorkerInTx(tx, { clientId, workerId: input.named_worker_id, unitId: by.unitAdminOf, actorId: by.id }, now);
      }
      const named = await tx.get<{ worker_id: number }>(
        `SELECT worker_id FROM client_workers WHERE client_id = ? AND kind = 'named' AND starts_on <= ?2 AND (ends_on IS NULL OR ends_on >= ?2) ORDER BY starts_on DESC LIMIT 1`,
        [clientId, todayInHelsinki(now)],
      );
      const namedWorkerId = named?.worker_id ?? null;
      const { lastID } = await tx.run(
        `INSERT INTO plan_versions (client_id, version, service_type, place_name, place_address, place_picture, place_photo_id,
           named_worker_id, starts_on, review_on, legal_basis, summary, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [clientId, version, input.service_type, input.place_name, input.place_address, input.place_picture, input.place_photo_id, namedWorkerId,
          input.starts_on, input.review_on, input.legal_basis, input.summary, by.id, now],
      );
      if (summaryIn) await setTranslation(tx, 'plan_summary', lastID, summaryIn);
      const scheduleText = (days: { weekday: number; starts_at: string; ends_at: string }[]) => days.map((d) => `${d.weekday} ${d.starts_at}-${d.ends_at}`).join(', ');
      const previousSchedule = previous
        ? scheduleText(await tx.all('SELECT weekday, starts_at, ends_at FROM plan_schedule WHERE plan_version_id = ? ORDER BY weekday', [previous.id]))
        : null;
      await tx.run('DELETE FROM weekly_schedule WHERE client_id = ?', [clientId]);
      for (const day of input.schedule) {
        await tx.run('INSERT INTO plan_schedule (plan_version_id, weekday, starts_at, ends_at) VALUES (?, ?, ?, ?)', [lastID, day.weekday, day.starts_at, day.ends_at]);
        await tx.run('INSERT INTO weekly_schedule (client_id, weekday, starts_at, ends_at, place) VALUES (?, ?, ?, ?, ?)', [clientId, day.weekday, day.starts_at, day.ends_at, input.place_name]);
      }
      const after: Record<string, unknown> = {
        service_type: input.service_type, place_name: input.place_name, place_address: input.place_address, place_picture: input.place_picture,
        place_photo_id: input.place_photo_id, named_worker_id: namedWorkerId, starts_on: input.starts_on, review_on: input.review_on,
        legal_basis: input.legal_basis, summary: input.summary, ...inField('summary', summaryIn, previous !== undefined),
        schedule: scheduleText([...input.schedule].sort((a, b) => a.weekday - b.weekday)),
      };
      const diff = previous ? changedFields({ ...previous, schedule: previousSchedule }, after) : { old: null, new: after };
      await auditClientChange(tx, { actorId: by.id, clientId, action: 'save plan', old: diff?.old ?? null, new: { version, ...(diff?.new ?? {}) } }, now);
      return lastID;
    }, now);
    if ('error' in saved) return null;
    if (!saved.replay) return version;
    return (await tx.get<{ version: number }>('SELECT version FROM plan_versions WHERE id = ? AND client_id = ?', [saved.id, clientId]))?.version ?? null;
  });
}

export interface PlanVersionListItem {
  version: number;
  created_at: number;
  created_by_name: string | null;
  review_on: string;
}

export async function planVersions(db: Database, clientId: number): Promise<PlanVersionListItem[]> {
  return db.all<PlanVersionListItem>(
    `SELECT v.version, v.created_at, p.full_name AS created_by_name, v.review_on
       FROM plan_versions v LEFT JOIN people p ON p.id = v.created_by
      WHERE v.client_id = ? ORDER BY v.version DESC`,
    [clientId],
  );
}

/** The review date of each client's current plan, for the worker's client list. */
export async function reviewDates(db: Database, clientIds: number[]): Promise<Map<number, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db.all<{ client_id: number; review_on: string }>(
    `SELECT v.client_id, v.review_on FROM plan_versions v
      WHERE v.client_id IN (${clientIds.map(() => '?').join(', ')})
        AND v.version = (SELECT MAX(version) FROM plan_versions WHERE client_id = v.client_id)`,
    clientIds,
  );
  return new Map(rows.map((r) => [r.client_id, r.review_on]));
}

export interface WorkerGoal {
  id: number;
  picture: string;
  title: string;
  status: 'active' | 'done' | 'archived';
  titleIn: Translations;
  steps: { id: number; title: string; titleIn: Translations; done: boolean }[];
  answers: GoalAnswer[];
  latestComment: { text: string; textIn: Translations; worker: string } | null;
}

/** Every goal of a client that is not archived, for the worker's goal editor. */
export async function goalsForWorker(db: Database, clientId: number): Promise<WorkerGoal[]> {
  const goals = await db.all<{ id: number; picture: string; title: string; status: WorkerGoal['status'] }>(
    "SELECT id, picture, title, status FROM goals WHERE client_id = ? AND status != 'archived' ORDER BY status = 'done', position, id",
    [clientId],
  );
  const steps = await db.all<{ id: number; goal_id: number; title: string; done_on: string | null }>(
    `SELECT s.id, s.goal_id, s.title, s.done_on FROM goal_steps s JOIN goals g ON g.id = s.goal_id
      WHERE g.client_id = ? AND s.archived = 0 ORDER BY s.position, s.id`,
    [clientId],
  );
  const answers = await db.all<GoalAnswer & { goal_id: number }>(
    `SELECT a.goal_id, a.feeling, a.words, a.created_at FROM goal_answers a JOIN goals g ON g.id = a.goal_id
      WHERE g.client_id = ? ORDER BY a.created_at DESC, a.id DESC`,
    [clientId],
  );
  const comments = await db.all<{ id: number; goal_id: number; text: string; worker: string }>(
    `SELECT c.id, c.goal_id, c.text, p.full_name AS worker FROM goal_comments c
       JOIN goals g ON g.id = c.goal_id JOIN people p ON p.id = c.worker_id
      WHERE g.client_id = ? ORDER BY c.created_at DESC, c.id DESC`,
    [clientId],
  );
  const latest = goals.map((g) => comments.find((c) => c.goal_id === g.id)).filter((c) => c !== undefined);
  const [titlesIn, stepsIn, commentsIn] = await Promise.all([
    translationsOf(db, 'goal_title', goals.map((g) => g.id)),
    translationsOf(db, 'step_title', steps.map((s) => s.id)),
    translationsOf(db, 'goal_comment', latest.map((c) => c.id)),
  ]);
  return goals.map((g) => {
    const comment = latest.find((c) => c.goal_id === g.id);
    return {
      ...g,
      titleIn: titlesIn.get(g.id) ?? {},
      steps: steps.filter((s) => s.goal_id === g.id).map((s) => ({ id: s.id, title: s.title, titleIn: stepsIn.get(s.id) ?? {}, done: s.done_on !== null })),
      answers: answers.filter((a) => a.goal_id === g.id).slice(0, 5),
      latestComment: comment ? { text: comment.text, textIn: commentsIn.get(comment.id) ?? {}, worker: comment.worker } : null,
    };
  });
}

/**
 * Applies a change from the worker's goal editor (see domain/plan/goal-form.ts), with its audit
 * row in the same transaction. Every statement names the client too, so an id changed in a form
 * can only ever touch that client's own goals (0 rows otherwise, nothing audited, and the caller
 * says 403).
 */
export async function changeGoals(db: Database, clientId: number, workerId: number, change: GoalChange, today: string, now = Date.now()): Promise<boolean> {
  return db.write(async (tx) => {
    // What a form adds (a goal, a step, a comment) is added once per form: a double tap or a
    // resent form finds its key and changes nothing more. Another person's key changes nothing.
    const once = async (kind: 'goal' | 'goal_step' | 'goal_comment', key: string, add: () => Promise<number | false>) => {
      let refused = false;
      const result = await createOnce(tx, { kind, key: key || randomUUID(), actorId: workerId }, async () => {
        const id = await add();
        if (id === false) refused = true;
        return id === false ? { error: 'notThisClient' as const } : id;
      }, now);
      return !refused && !('error' in result && result.error === 'formUsed');
    };
    // (An id from the form that no row can have, NaN or 1e308, finds nothing: PostgreSQL would refuse it as a bigint.)
    const goalOf = async (goalId: number) =>
      !Number.isSafeInteger(goalId) ? undefined : tx.get<{ id: number; title: string; picture: string; status: string; reached_on: string | null }>(
        'SELECT id, title, picture, status, reached_on FROM goals WHERE id = ? AND client_id = ?',
        [goalId, clientId],
      );
    const stepOf = async (stepId: number) =>
      !Number.isSafeInteger(stepId) ? undefined : tx.get<{ id: number; goal_id: number; title: string; done_on: string | null }>(
        'SELECT s.id, s.goal_id, s.title, s.done_on FROM goal_steps s JOIN goals g ON g.id = s.goal_id WHERE s.id = ? AND g.client_id = ?',
        [stepId, clientId],
      );
    const logged = async (action: AuditAction, old: Record<string, unknown> | null, next: Record<string, unknown> | null) => {
      await auditClientChange(tx, { actorId: workerId, clientId, action, old, new: next }, now);
      return true;
    };
    switch (change.kind) {
      case 'create':
        return once('goal', change.key, async () => {
          const last = await tx.get<{ p: number | null }>('SELECT MAX(position) AS p FROM goals WHERE client_id = ?', [clientId]);
          const { lastID } = await tx.run('INSERT INTO goals (client_id, picture, title, position, created_at) VALUES (?, ?, ?, ?, ?)', [clientId, change.picture, change.title, (last?.p ?? -1) + 1, now]);
          if (change.translation) await setTranslation(tx, 'goal_title', lastID, change.translation);
          await logged('create goal', null, { goal_id: lastID, title: change.title, ...inField('title', change.translation), picture: change.picture });
          return lastID;
        });
      case 'edit': {
        const goal = await goalOf(change.goalId);
        if (!goal) return false;
        await tx.run('UPDATE goals SET picture = ?, title = ? WHERE id = ? AND client_id = ?', [change.picture, change.title, change.goalId, clientId]);
        const before: Record<string, unknown> = { title: goal.title, picture: goal.picture };
        if (change.translation) before[`title_${change.translation.lang}`] = await setTranslation(tx, 'goal_title', goal.id, change.translation);
        const diff = changedFields(before, { title: change.title, ...inField('title', change.translation, true), picture: change.picture });
        return diff ? logged('edit goal', { goal_id: goal.id, ...diff.old }, { goal_id: goal.id, ...diff.new }) : true;
      }
      case 'status': {
        const goal = await goalOf(change.goalId);
        if (!goal) return false;
        // Reached today; reopened: not reached; archived: the day it was reached (if) stays.
        await tx.run(
          `UPDATE goals SET status = ?1,
              reached_on = CASE ?1 WHEN 'done' THEN ?2 WHEN 'active' THEN NULL ELSE reached_on END
            WHERE id = ?3 AND client_id = ?4`,
          [change.status, today, change.goalId, clientId],
        );
        return goal.status === change.status ? true : logged('goal status', { goal_id: goal.id, status: goal.status }, { goal_id: goal.id, status: change.status });
      }
      case 'move': {
        if (!(await goalOf(change.goalId))) return false;
        const order = await tx.all<{ id: number }>("SELECT id FROM goals WHERE client_id = ? AND status = 'active' ORDER BY position, id", [clientId]);
        const i = order.findIndex((g) => g.id === change.goalId);
        const j = i + change.direction;
        // Moved already (the same button tapped twice, or a form shown before another change),
        // or already first or last: nothing to do.
        if (i !== change.from || j < 0 || j >= order.length) return true;
        [order[i], order[j]] = [order[j], order[i]];
        for (const [position, g] of order.entries()) await tx.run('UPDATE goals SET position = ? WHERE id = ?', [position, g.id]);
        return logged('move goal', { goal_id: change.goalId, position: i }, { goal_id: change.goalId, position: j });
      }
      case 'add-step':
        return once('goal_step', change.key, async () => {
          if (!(await goalOf(change.goalId))) return false;
          const last = await tx.get<{ p: number | null }>('SELECT MAX(position) AS p FROM goal_steps WHERE goal_id = ?', [change.goalId]);
          const { lastID } = await tx.run('INSERT INTO goal_steps (goal_id, title, position) VALUES (?, ?, ?)', [change.goalId, change.title, (last?.p ?? -1) + 1]);
          if (change.translation) await setTranslation(tx, 'step_title', lastID, change.translation);
          await logged('add goal step', null, { goal_id: change.goalId, step_id: lastID, title: change.title, ...inField('title', change.translation) });
          return lastID;
        });
      case 'set-step': {
        const step = await stepOf(change.stepId);
        if (!step) return false;
        if ((step.done_on !== null) === change.done) return true; // already so: a second tap
        const doneOn = change.done ? today : null;
        await tx.run('UPDATE goal_steps SET done_on = ? WHERE id = ?', [doneOn, change.stepId]);
        return logged('tick goal step', { step_id: step.id, done_on: step.done_on }, { step_id: step.id, done_on: doneOn });
      }
      case 'archive-step': {
        const step = await stepOf(change.stepId);
        if (!step) return false;
        await tx.run('UPDATE goal_steps SET archived = 1 WHERE id = ?', [change.stepId]);
        return logged('remove goal step', { step_id: step.id, title: step.title }, { step_id: step.id, archived: 1 });
      }
      case 'translate-step': {
        const step = await stepOf(change.stepId);
        if (!step) return false;
        const field = `title_${change.translation.lang}`;
        const before = await setTranslation(tx, 'step_title', step.id, change.translation);
        const after = change.translation.text.trim();
        return before === after ? true : logged('translate goal step', { step_id: step.id, [field]: before }, { step_id: step.id, [field]: after });
      }
      case 'comment':
        return once('goal_comment', change.key, async () => {
          if (!(await goalOf(change.goalId))) return false;
          const { lastID } = await tx.run('INSERT INTO goal_comments (goal_id, worker_id, text, created_at) VALUES (?, ?, ?, ?)', [change.goalId, workerId, change.text, now]);
          if (change.translation) await setTranslation(tx, 'goal_comment', lastID, change.translation);
          await logged('comment on goal', null, { goal_id: change.goalId, comment_id: lastID, text: change.text, ...inField('text', change.translation) });
          return lastID;
        });
    }
  });
}
