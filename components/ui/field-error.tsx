/** A form field's inline error, linked to its input by `id` (aria-describedby). Renders nothing without a message. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-critical">
      {message}
    </p>
  ) : null;
}
