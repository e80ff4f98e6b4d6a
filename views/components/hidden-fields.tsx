export function HiddenFields(props: { pairs: readonly (readonly [string, string])[] }) {
  return (
    <>
      {props.pairs.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  )
}
