import { z } from 'zod';
import { method } from '../define.js';
import { fileInputSchema, roleSchema } from './documents.js';
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

export const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema });

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
  list: method({ summary: 'Danh sách người dùng / list users', input: z.object({}).strict(), output: z.object({ users: z.array(userSchema) }) }),
  setSignatureImage: method({
    summary: 'Đặt ảnh chữ ký của chính mình (PNG xanh, nền trong suốt) / set your own signature image',
    input: z.object({ username: usernameSchema, file: fileInputSchema }),
    output: imageSetSchema.extend({ username: z.string() }),
  }),
};
