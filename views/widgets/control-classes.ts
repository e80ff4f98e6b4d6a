/** The look shared by every form control, with the error state. */
export function controlClass(invalid: boolean, extra = ''): string {
  const border = invalid ? 'border-red-600 dark:border-red-400' : 'border-slate-300 dark:border-slate-700'
  return `w-full rounded border ${border} bg-white px-2 py-1 text-slate-900 dark:bg-slate-900 dark:text-slate-100 ${extra}`.trim()
}
