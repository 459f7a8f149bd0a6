import type { SlackInstallationRecord } from './store.ts';

// Slack installations, in SQL both engines run (see sql.ts).

export const SAVE_INSTALLATION = `INSERT INTO slack_installations (id, team_id, enterprise_id, installation, installed_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (id) DO UPDATE
    SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, installation = excluded.installation, updated_at = excluded.updated_at`;
export const GET_INSTALLATION = 'SELECT id, team_id, enterprise_id, installation FROM slack_installations WHERE id = $1';
export const DELETE_INSTALLATION = 'DELETE FROM slack_installations WHERE id = $1';
export const COUNT_INSTALLATIONS = 'SELECT count(*) AS n FROM slack_installations';

export interface InstallationRow {
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  installation: string;
}

export const saveParams = (i: SlackInstallationRecord, at: string) => [i.id, i.teamId, i.enterpriseId, i.installation, at, at];
export const toInstallation = (r: InstallationRow): SlackInstallationRecord => ({
  id: r.id,
  teamId: r.team_id,
  enterpriseId: r.enterprise_id,
  installation: r.installation,
});
