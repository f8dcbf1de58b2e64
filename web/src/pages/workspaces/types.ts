import type { Role } from '../../app/auth.tsx';

export interface UserView {
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  disabled: boolean;
  created_at: string;
}

export interface MemberView {
  user_id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
}

export const ROLES: Role[] = ['owner', 'admin', 'member', 'viewer'];
