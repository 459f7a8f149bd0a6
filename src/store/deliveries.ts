import type { DeliveryClaim, OpenDeliveryStatus } from './store.ts';

// The delivery claims, in SQL both engines run (see sql.ts).
// Timestamps are ISO strings of one format, so comparing them as text orders them in time.

/**
 * A new claim, or the takeover of one whose lease ran out unfinished. Returns no row when another
 * instance holds the slot or it is finished: the upsert is what makes the claim exclusive.
 */
export const CLAIM_DELIVERY = `INSERT INTO deliveries (subscription_id, slot, status, claimed_by, claimed_at, lease_until)
  VALUES ($1, $2, 'claimed', $3, $4, $5)
  ON CONFLICT (subscription_id, slot) DO UPDATE
    SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, lease_until = excluded.lease_until, attempts = deliveries.attempts + 1
    WHERE deliveries.status IN ('claimed', 'posting') AND (deliveries.lease_until IS NULL OR deliveries.lease_until < excluded.claimed_at)
  RETURNING attempts, status`;

export const RENEW_DELIVERY = `UPDATE deliveries SET lease_until = $1, status = CASE WHEN $2 = 1 THEN 'posting' ELSE status END
  WHERE subscription_id = $3 AND slot = $4 AND claimed_by = $5 AND status IN ('claimed', 'posting')`;

export const EXPIRED_DELIVERIES = `SELECT subscription_id, slot, status FROM deliveries
  WHERE status IN ('claimed', 'posting') AND (lease_until IS NULL OR lease_until < $1)
  ORDER BY slot LIMIT 1000`;

export interface ClaimRow {
  attempts: number | string;
  status: string;
}
export interface ExpiredRow {
  subscription_id: number | string;
  slot: string;
  status: string;
}

export const toClaim = (r: ClaimRow): DeliveryClaim => ({ attempt: Number(r.attempts), maybePosted: r.status === 'posting' });
export const toExpired = (r: ExpiredRow) => ({
  subscriptionId: Number(r.subscription_id),
  slot: r.slot,
  status: (r.status === 'posting' ? 'posting' : 'claimed') as OpenDeliveryStatus,
});
