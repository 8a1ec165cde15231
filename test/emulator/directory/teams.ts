/**
 * Microsoft Teams in the tenant: one team with two channels and two chats, all with Adele and
 * Megan as members. IDs have the real formats (a team is its group's GUID; channels are
 * `19:…@thread.tacv2`; a one-on-one chat is `19:{oid}_{oid}@unq.gbl.spaces`).
 */

export interface ChannelDefinition {
  readonly id: string;
  readonly displayName: string;
}

export interface TeamDefinition {
  readonly id: string;
  readonly displayName: string;
  readonly channels: readonly ChannelDefinition[];
}

export interface ChatDefinition {
  readonly id: string;
  readonly topic: string | null;
  readonly chatType: 'oneOnOne' | 'group';
}

export const OPERATIONS_TEAM: TeamDefinition = {
  id: '3f6c9a2e-8d41-4b7a-9e05-6c2d1f8a7b34',
  displayName: 'Contoso Operations',
  channels: [
    { id: '19:4b1d7c2e9f0a4e3b8c6d5a2f1e0b9c8d@thread.tacv2', displayName: 'General' },
    { id: '19:a7e3c1b95d2f4068b4e1c9d7a3f52e60@thread.tacv2', displayName: 'Alerts' },
  ],
};

export const TEAMS: readonly TeamDefinition[] = [OPERATIONS_TEAM];

export const CHATS: readonly ChatDefinition[] = [
  { id: '19:8b2f6c1e-3d4a-4e5b-9f60-7a1c2d3e4f50_c4e1a9d7-52b8-4c63-8e1f-0d9a7b6c5e42@unq.gbl.spaces', topic: null, chatType: 'oneOnOne' },
  { id: '19:d2c8e5a1f7b34c69a0e4b8d1c5f92a37@thread.v2', topic: 'Ops standup', chatType: 'group' },
];

export function findTeam(id: string): TeamDefinition | undefined {
  return TEAMS.find((team) => team.id === id.toLowerCase());
}

export function findChat(id: string): ChatDefinition | undefined {
  return CHATS.find((chat) => chat.id === id);
}
