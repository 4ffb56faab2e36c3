import { z } from 'zod';
import { method } from '../define.js';

export const worklistBadgesSchema = z.object({
  /** Incoming documents that concern the caller and that the caller has not opened yet. */
  unreadIncoming: z.number().int().nonnegative(),
  /** Approved drafts the caller may sign: naming them, naming no one, or naming a leader they cover today (ký thay). */
  awaitingMySignature: z.number().int().nonnegative(),
  /** Incoming documents past their deadline that concern the caller, not yet completed. */
  overdue: z.number().int().nonnegative(),
});

export type WorklistBadges = z.infer<typeof worklistBadgesSchema>;

/** Việc của tôi: the counts on the navigation and read/unread per user. */
export const worklistService = {
  badges: method({
    summary: 'Số việc chờ: văn bản đến chưa đọc, chờ tôi ký, quá hạn / my badges: unread, awaiting my signature, overdue',
    input: z.object({}).strict(),
    output: worklistBadgesSchema,
  }),
  markRead: method({
    summary: 'Đánh dấu đã đọc văn bản / mark a document as read by me',
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ id: z.string(), read: z.literal(true) }),
  }),
  unread: method({
    summary: 'Trong các văn bản đã cho, văn bản nào tôi chưa đọc / which of these documents I have not opened',
    input: z.object({ ids: z.array(z.string().min(1).max(100)).max(1000) }).strict(),
    output: z.object({ unread: z.array(z.string()) }),
  }),
};
