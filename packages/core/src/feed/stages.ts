/**
 * The built-in stages of an asset transfer, used when a feed names no stage list
 * of its own, with their labels in English and Welsh. Only the transfer parts and
 * the normaliser need the labels, so this module stays out of the finder's first
 * chunk; the quick check knows the stages by DEFAULT_TRANSFER_STAGE_IDS (types.ts).
 */
export const DEFAULT_TRANSFER_STAGES: readonly { id: string; label: { en: string; cy: string } }[] = [
  { id: 'notice-published', label: { en: 'Notice published', cy: 'Hysbysiad wedi’i gyhoeddi' } },
  { id: 'information-session', label: { en: 'Information session', cy: 'Sesiwn wybodaeth' } },
  { id: 'eoi-open', label: { en: 'Expressions of interest open', cy: 'Datganiadau o ddiddordeb ar agor' } },
  { id: 'business-case', label: { en: 'Business case', cy: 'Achos busnes' } },
  { id: 'decision', label: { en: 'Decision', cy: 'Penderfyniad' } },
  { id: 'call-in', label: { en: 'Call-in period', cy: 'Cyfnod galw i mewn' } },
  { id: 'completed', label: { en: 'Completed', cy: 'Wedi’i gwblhau' } },
];
