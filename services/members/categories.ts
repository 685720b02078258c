// 会员单位 categories, in the order an association lists them (会长单位 first). Pure: the window uses it too.
export const MEMBER_CATEGORIES = ['会长单位', '副会长单位', '常务理事单位', '理事单位', '会员单位'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
