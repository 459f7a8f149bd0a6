import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../../store/store.ts';

// Bolt's installation store, backed by ours: one row per workspace (or per enterprise for an
// org-wide install), shared by every instance, so any of them can answer any workspace.

/** The row an installation or a query belongs to: the enterprise for org-wide installs, else the team. */
function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string | undefined {
  return q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
}

export class UnknownWorkspaceError extends Error {
  override name = 'UnknownWorkspaceError';
}

export function slackInstallationStore(store: Store, now: () => number = Date.now): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      const enterpriseId = installation.enterprise?.id ?? null;
      const teamId = installation.team?.id ?? null;
      const id = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: enterpriseId ?? undefined, teamId: teamId ?? undefined });
      if (!id) throw new Error('a Slack installation without a team or enterprise id cannot be stored');
      await store.saveSlackInstallation({ id, teamId, enterpriseId, installation: JSON.stringify(installation) }, new Date(now()).toISOString());
    },
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      // A workspace inside an enterprise that installed org-wide is served by the enterprise's row.
      const ids = [keyOf(query), query.enterpriseId].filter((id): id is string => Boolean(id));
      for (const id of ids) {
        const row = await store.slackInstallation(id);
        if (row) return JSON.parse(row.installation) as Installation;
      }
      throw new UnknownWorkspaceError(`briefbot is not installed in Slack workspace ${query.teamId ?? query.enterpriseId ?? '(unknown)'}`);
    },
    deleteInstallation: async (query: InstallationQuery<boolean>) => {
      const id = keyOf(query);
      if (id) await store.deleteSlackInstallation(id);
    },
  };
}
