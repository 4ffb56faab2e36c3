import { z } from 'zod';
import { method } from '../define.js';
import { fileInputSchema, isoDateSchema, roleSchema } from './documents.js';
import { imageSetSchema } from './registers.js';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'Tên đăng nhập: chữ thường không dấu, số, . _ - / username: a-z 0-9 . _ -');

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  unit: z.string().nullable(),
  roles: z.array(roleSchema),
  active: z.boolean(),
});

export const addUserInputSchema = z.object({
  username: usernameSchema,
  fullName: z.string().trim().min(1).max(50).optional(),
  position: z.string().trim().max(100).optional(),
  unit: z.string().trim().max(100).optional(),
  roles: z.array(roleSchema).min(1, 'Cần ít nhất một vai trò / at least one role'),
  password: z.string().min(8, 'Mật khẩu tối thiểu 8 ký tự / password of 8 characters or more').optional(),
});

/**
 * A session. `mustChangePassword`: an admin reset the password, so this session may only change it
 * (users.changePassword); every other call answers E_PASSWORD_CHANGE_REQUIRED until then.
 */
export const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema, mustChangePassword: z.boolean() });

/** A departing user's open work, as far as the caller may see it: secret documents stay out of an admin's sight. */
export const openWorkSchema = z.object({
  username: z.string(),
  assignments: z.array(z.object({
    assignmentId: z.number().int(),
    documentId: z.string(),
    subject: z.string().nullable(),
    role: z.enum(['lead', 'support', 'inform']),
    status: z.enum(['assigned', 'in_progress']),
    dueDate: z.string().nullable(),
  })),
  drafts: z.array(z.object({ documentId: z.string(), subject: z.string().nullable(), state: z.string() })),
});

/** Ký thay: a leader's deputy for a period of Vietnam dates (both ends included). */
export const deputyPeriodSchema = z.object({
  id: z.number().int(),
  leader: z.object({ username: z.string(), fullName: z.string(), position: z.string().nullable() }),
  deputy: z.object({ username: z.string(), fullName: z.string(), position: z.string().nullable() }),
  from: z.string(),
  to: z.string(),
  /** Today (Vietnam time) lies inside the period and it was not ended. */
  activeNow: z.boolean(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  /** Who named the deputy: the leader, or an admin acting for them. */
  createdBy: z.string(),
  createdAt: z.string(),
});

export type DeputyPeriod = z.infer<typeof deputyPeriodSchema>;

/** Tài khoản: local accounts, sessions for the UI, first-run setup. */
export const usersService = {
  needsSetup: method({
    summary: 'Đã có quản trị viên chưa / whether first-run setup is needed',
    input: z.object({}).strict(),
    output: z.object({ needsSetup: z.boolean() }),
  }),
  setupFirstAdmin: method({
    summary: 'Tạo quản trị viên đầu tiên / create the first admin',
    input: z.object({
      username: usernameSchema,
      fullName: z.string().trim().min(1).max(50),
      password: z.string().min(8, 'Mật khẩu tối thiểu 8 ký tự / password of 8 characters or more'),
    }),
    output: userSchema,
  }),
  login: method({
    summary: 'Đăng nhập / sign in',
    input: z.object({ username: z.string().trim().min(1), password: z.string().min(1) }),
    output: sessionSchema,
  }),
  logout: method({ summary: 'Đăng xuất / sign out', input: z.object({}).strict(), output: z.object({ ok: z.boolean() }) }),
  me: method({ summary: 'Người dùng hiện tại / who am I', input: z.object({}).strict(), output: userSchema }),
  add: method({ summary: 'Thêm người dùng / add a user', input: addUserInputSchema, output: userSchema }),
  changePassword: method({
    summary: 'Đổi mật khẩu của chính mình (các phiên khác kết thúc) / change your own password (your other sessions end)',
    input: z.object({
      currentPassword: z.string().min(1),
      newPassword: z.string().min(8, 'Mật khẩu tối thiểu 8 ký tự / password of 8 characters or more'),
    }),
    output: z.object({ ok: z.boolean() }),
  }),
  unlock: method({
    summary: 'Mở khóa tài khoản bị khóa sau nhiều lần đăng nhập sai (quản trị) / unlock an account locked by failed sign-ins (admin)',
    input: z.object({ username: usernameSchema }),
    output: userSchema,
  }),
  resetPassword: method({
    summary: 'Đặt lại mật khẩu (quản trị): mật khẩu tạm, phải đổi ở lần đăng nhập sau / reset a password (admin): a temporary one, changed at the next sign-in',
    input: z.object({ username: usernameSchema }),
    output: z.object({ user: userSchema, temporaryPassword: z.string() }),
  }),
  deactivate: method({
    summary: 'Khóa tài khoản người nghỉ việc (quản trị): phiên kết thúc ngay / deactivate a departing user (admin): their sessions end at once',
    input: z.object({ username: usernameSchema }),
    output: z.object({ user: userSchema, openWork: openWorkSchema }),
  }),
  reactivate: method({
    summary: 'Mở lại tài khoản đã khóa (quản trị) / reactivate a deactivated user (admin)',
    input: z.object({ username: usernameSchema }),
    output: userSchema,
  }),
  openWork: method({
    summary: 'Việc đang mở của một người (phân công, dự thảo) để chuyển giao / a user’s open assignments and drafts, for reassignment',
    input: z.object({ username: usernameSchema }),
    output: openWorkSchema,
  }),
  reassign: method({
    summary: 'Chuyển việc đang mở sang người khác / reassign open assignments and drafts to another active user',
    input: z.object({ from: usernameSchema, to: usernameSchema }),
    output: z.object({ from: z.string(), to: z.string(), assignments: z.number().int(), drafts: z.number().int() }),
  }),
  list: method({ summary: 'Danh sách người dùng / list users', input: z.object({}).strict(), output: z.object({ users: z.array(userSchema) }) }),
  setDeputy: method({
    summary:
      'Giao ký thay (lãnh đạo; quản trị: thay cho lãnh đạo `leader`): người ký thay ký "KT." văn bản chờ lãnh đạo ký trong thời gian đã định / ' +
      'name a deputy who signs as "KT." for a period (an admin: for the leader named)',
    input: z.object({ deputy: usernameSchema, from: isoDateSchema, to: isoDateSchema, leader: usernameSchema.optional() }).strict(),
    output: deputyPeriodSchema,
  }),
  deputies: method({
    summary: 'Danh sách ký thay của mình (giao và được giao; quản trị: tất cả) / deputy periods I am on either side of (admin: all)',
    input: z.object({}).strict(),
    output: z.object({ deputies: z.array(deputyPeriodSchema) }),
  }),
  endDeputy: method({
    summary:
      'Kết thúc ký thay sớm (một thời gian, hoặc mọi thời gian chưa qua; quản trị: của lãnh đạo `leader`) / ' +
      'end a deputy period early (one, or every one not over; an admin: the named leader\'s)',
    input: z.object({ id: z.number().int().positive().optional(), leader: usernameSchema.optional() }).strict(),
    output: z.object({ ended: z.array(deputyPeriodSchema) }),
  }),
  setSignatureImage: method({
    summary: 'Đặt ảnh chữ ký của chính mình (PNG xanh, nền trong suốt) / set your own signature image',
    input: z.object({ username: usernameSchema, file: fileInputSchema }),
    output: imageSetSchema.extend({ username: z.string() }),
  }),
};
