/** `customer_id` → `Customer id`, `createdAt` → `Created at`: a readable default label for a name. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
  if (words === '') return name
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase()
}
