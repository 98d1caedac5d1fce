/* ro-json-codec.c: the JSON codec of the ro-glib protocol
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A payload is one UTF-8 JSON object (RFC 8259, no BOM, no NUL):
 *
 *   {"type":"invoke","serial":3,"name":"Thermostat","member":"heat","body":["(d)",[15.0]]}
 *
 * "type" is always there; "serial" only when nonzero, "name", "member" and
 * "body" only when set. The encoder writes the keys in that order and no
 * whitespace; the decoder takes them in any order and refuses unknown or
 * repeated keys, and "serial": 0. "body" is [GVariant type string, value].
 *
 * Values are encoded by their GVariant type, reversibly:
 *
 *   b                 true / false
 *   y n q i u h       integer
 *   x t               integer if |v| <= 2^53, else a decimal string; either
 *                     form is accepted for any value
 *   d                 number, with at most 17 significant digits and a ".0"
 *                     on integral values; "NaN", "Infinity", "-Infinity" and
 *                     "-0" as strings. Integers are accepted.
 *   s o g             string
 *   v                 [type string, value]
 *   m                 null for Nothing, else the value; when the element is
 *                     itself a maybe, [value] (so Just Nothing is [null])
 *   ay                base64 string (RFC 4648, padded)
 *   a{sX} a{oX} a{gX} object {key: value, ...}, in order; repeated keys
 *                     are kept, as the array may hold them
 *   a{..}             array of [key, value]
 *   other arrays      array
 *   tuples            array of exactly n items
 *   dict entries      [key, value]
 *
 * The decoder is written here rather than using json-glib's parser: a
 * strict decoder of untrusted input needs things json-glib 1.6 does not do
 * (it wraps integers that overflow 64 bits, cuts strings at \u0000, accepts
 * comments, hex and trailing data, merges repeated keys and recurses without
 * a depth limit), and parsing straight into GVariants against the expected
 * type makes a single pass with no intermediate tree. It only ever recurses
 * into a container the type asks for, and refuses JSON nesting (the message
 * object counts as one level) and GVariant nesting (each array, maybe,
 * tuple, dict entry and variant counts) deeper than RO_MAX_NESTING_DEPTH.
 *
 * The encoder writes the JSON text straight after the 4 bytes reserved for
 * the frame header, so a message is formatted in one buffer and handed on
 * without a copy.
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "ro-glib.h"
#include "ro-codec.h"

/* Integers beyond this lose precision in JSON parsers that use doubles. */
#define MAX_SAFE_INTEGER       (G_GINT64_CONSTANT (1) << 53)

/* Encoding */

static void encode_value (GString  *out,
                          GVariant *value);

static void
append_json_string (GString    *out,
                    const char *s,
                    gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  const char *end = s + length;
  const char *run = s;

  g_string_append_c (out, '"');
  for (const char *p = s; p < end; p++)
    {
      guchar c = (guchar) *p;
      char escape[6] = { '\\', 'u', '0', '0', 0, 0 };
      gsize escape_length = 2;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': escape[1] = '"'; break;
        case '\\': escape[1] = '\\'; break;
        case '\b': escape[1] = 'b'; break;
        case '\f': escape[1] = 'f'; break;
        case '\n': escape[1] = 'n'; break;
        case '\r': escape[1] = 'r'; break;
        case '\t': escape[1] = 't'; break;
        default:
          escape[4] = hex[c >> 4];
          escape[5] = hex[c & 0xf];
          escape_length = 6;
          break;
        }
      g_string_append_len (out, escape, escape_length);
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

static void
append_unsigned (GString  *out,
                 guint64   magnitude,
                 gboolean  negative)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (negative)
    *--p = '-';

  g_string_append_len (out, p, buf + sizeof buf - p);
}

static void
append_signed (GString *out,
               gint64   value)
{
  if (value < 0)
    append_unsigned (out, -(guint64) value, TRUE);
  else
    append_unsigned (out, (guint64) value, FALSE);
}

static void
append_int64 (GString *out,
              gint64   value)
{
  if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER)
    {
      append_signed (out, value);
      return;
    }

  g_string_append_c (out, '"');
  append_signed (out, value);
  g_string_append_c (out, '"');
}

static void
append_uint64 (GString *out,
               guint64  value)
{
  if (value <= (guint64) MAX_SAFE_INTEGER)
    {
      append_unsigned (out, value, FALSE);
      return;
    }

  g_string_append_c (out, '"');
  append_unsigned (out, value, FALSE);
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append_len (out, "\"NaN\"", 5);
      return;
    }
  if (isinf (value))
    {
      if (value > 0)
        g_string_append_len (out, "\"Infinity\"", 10);
      else
        g_string_append_len (out, "\"-Infinity\"", 11);
      return;
    }
  /* A JSON -0 is read back as the integer 0 by many parsers. */
  if (value == 0 && signbit (value))
    {
      g_string_append_len (out, "\"-0\"", 4);
      return;
    }

  /* The shortest of these that reads back the same double; 17 significant
   * digits always do. */
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
  /* Keeps doubles recognisable as such to a human reader. */
  if (strpbrk (buf, ".e") == NULL)
    g_string_append_len (out, ".0", 2);
}

static void
append_base64 (GString      *out,
               const guint8 *data,
               gsize         length)
{
  gsize start;
  gsize written;
  int state = 0;
  int save = 0;

  g_string_append_c (out, '"');

  /* Encodes into the string's own buffer; the size is what
   * g_base64_encode_step() documents it may need. */
  start = out->len;
  g_string_set_size (out, start + (length / 3 + 1) * 4 + 4);
  written = g_base64_encode_step (data, length, FALSE, out->str + start, &state, &save);
  written += g_base64_encode_close (FALSE, out->str + start + written, &state, &save);
  g_string_truncate (out, start + written);

  g_string_append_c (out, '"');
}

static gsize
fixed_element_size (char type)
{
  switch (type)
    {
    case 'b':
    case 'y':
      return 1;
    case 'n':
    case 'q':
      return 2;
    case 'i':
    case 'u':
    case 'h':
      return 4;
    case 'x':
    case 't':
    case 'd':
      return 8;
    default:
      return 0;
    }
}

/* Arrays of numbers are read straight from the serialised data rather than
 * through a GVariant per element. */
static void
encode_fixed_array (GString  *out,
                    GVariant *value,
                    char      element,
                    gsize     element_size)
{
  gsize n;
  const guint8 *data = g_variant_get_fixed_array (value, &n, element_size);

  g_string_append_c (out, '[');
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = data + i * element_size;

      if (i > 0)
        g_string_append_c (out, ',');

      switch (element)
        {
        case 'b':
          if (*p)
            g_string_append_len (out, "true", 4);
          else
            g_string_append_len (out, "false", 5);
          break;
        case 'y':
          append_unsigned (out, *p, FALSE);
          break;
        case 'n':
          {
            gint16 v;
            memcpy (&v, p, sizeof v);
            append_signed (out, v);
          }
          break;
        case 'q':
          {
            guint16 v;
            memcpy (&v, p, sizeof v);
            append_unsigned (out, v, FALSE);
          }
          break;
        case 'i':
        case 'h':
          {
            gint32 v;
            memcpy (&v, p, sizeof v);
            append_signed (out, v);
          }
          break;
        case 'u':
          {
            guint32 v;
            memcpy (&v, p, sizeof v);
            append_unsigned (out, v, FALSE);
          }
          break;
        case 'x':
          {
            gint64 v;
            memcpy (&v, p, sizeof v);
            append_int64 (out, v);
          }
          break;
        case 't':
          {
            guint64 v;
            memcpy (&v, p, sizeof v);
            append_uint64 (out, v);
          }
          break;
        case 'd':
          {
            double v;
            memcpy (&v, p, sizeof v);
            append_double (out, v);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_c (out, ']');
}

static void
encode_object_dict (GString  *out,
                    GVariant *value)
{
  GVariantIter iter;
  GVariant *entry;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  g_variant_iter_init (&iter, value);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
      g_autoptr(GVariant) child = g_variant_get_child_value (entry, 1);
      const char *s;
      gsize length;

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;

      s = g_variant_get_string (key, &length);
      append_json_string (out, s, length);
      g_string_append_c (out, ':');
      encode_value (out, child);
      g_variant_unref (entry);
    }
  g_string_append_c (out, '}');
}

static void
encode_children (GString  *out,
                 GVariant *value)
{
  GVariantIter iter;
  GVariant *child;
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      encode_value (out, child);
      g_variant_unref (child);
    }
  g_string_append_c (out, ']');
}

static void
encode_array (GString    *out,
              GVariant   *value,
              const char *type)
{
  const char *element = type + 1;
  gsize element_size;

  if (element[0] == 'y')
    {
      gsize n;
      const guint8 *data = g_variant_get_fixed_array (value, &n, 1);

      append_base64 (out, data, n);
      return;
    }

  if (element[0] == '{' && (element[1] == 's' || element[1] == 'o' || element[1] == 'g'))
    {
      encode_object_dict (out, value);
      return;
    }

  element_size = fixed_element_size (element[0]);
  if (element_size > 0)
    {
      encode_fixed_array (out, value, element[0], element_size);
      return;
    }

  encode_children (out, value);
}

/* [type string, value], for variants and the message body */
static void
encode_typed (GString  *out,
              GVariant *value)
{
  /* Type strings hold nothing that JSON would need escaped. */
  g_string_append_len (out, "[\"", 2);
  g_string_append (out, g_variant_get_type_string (value));
  g_string_append_len (out, "\",", 2);
  encode_value (out, value);
  g_string_append_c (out, ']');
}

static void
encode_value (GString  *out,
              GVariant *value)
{
  const char *type = g_variant_get_type_string (value);

  switch (type[0])
    {
    case 'b':
      if (g_variant_get_boolean (value))
        g_string_append_len (out, "true", 4);
      else
        g_string_append_len (out, "false", 5);
      break;
    case 'y':
      append_unsigned (out, g_variant_get_byte (value), FALSE);
      break;
    case 'n':
      append_signed (out, g_variant_get_int16 (value));
      break;
    case 'q':
      append_unsigned (out, g_variant_get_uint16 (value), FALSE);
      break;
    case 'i':
      append_signed (out, g_variant_get_int32 (value));
      break;
    case 'h':
      append_signed (out, g_variant_get_handle (value));
      break;
    case 'u':
      append_unsigned (out, g_variant_get_uint32 (value), FALSE);
      break;
    case 'x':
      append_int64 (out, g_variant_get_int64 (value));
      break;
    case 't':
      append_uint64 (out, g_variant_get_uint64 (value));
      break;
    case 'd':
      append_double (out, g_variant_get_double (value));
      break;
    case 's':
    case 'o':
    case 'g':
      {
        gsize length;
        const char *s = g_variant_get_string (value, &length);

        append_json_string (out, s, length);
      }
      break;
    case 'v':
      {
        g_autoptr(GVariant) inner = g_variant_get_variant (value);

        encode_typed (out, inner);
      }
      break;
    case 'm':
      {
        g_autoptr(GVariant) child = g_variant_get_maybe (value);

        if (child == NULL)
          g_string_append_len (out, "null", 4);
        else if (type[1] == 'm')
          {
            g_string_append_c (out, '[');
            encode_value (out, child);
            g_string_append_c (out, ']');
          }
        else
          encode_value (out, child);
      }
      break;
    case 'a':
      encode_array (out, value, type);
      break;
    case '(':
    case '{':
      encode_children (out, value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GBytes *
json_encode (const RoMessage *message)
{
  const char *type_name;
  GString *out;
  guint32 length;

  g_return_val_if_fail (message != NULL, NULL);
  type_name = ro_message_type_to_string (message->type);
  g_return_val_if_fail (type_name != NULL, NULL);

  out = g_string_sized_new (256);
  g_string_append_len (out, "\0\0\0\0", RO_FRAME_HEADER_SIZE);

  /* Type names hold nothing that JSON would need escaped. */
  g_string_append_len (out, "{\"type\":\"", 9);
  g_string_append (out, type_name);
  g_string_append_c (out, '"');

  if (message->serial != 0)
    {
      g_string_append_len (out, ",\"serial\":", 10);
      append_unsigned (out, message->serial, FALSE);
    }
  if (message->name != NULL)
    {
      g_string_append_len (out, ",\"name\":", 8);
      append_json_string (out, message->name, strlen (message->name));
    }
  if (message->member != NULL)
    {
      g_string_append_len (out, ",\"member\":", 10);
      append_json_string (out, message->member, strlen (message->member));
    }
  if (message->body != NULL)
    {
      g_string_append_len (out, ",\"body\":", 8);
      encode_typed (out, message->body);
    }
  g_string_append_c (out, '}');

  length = GUINT32_TO_BE ((guint32) (out->len - RO_FRAME_HEADER_SIZE));
  memcpy (out->str, &length, sizeof length);

  return g_string_free_to_bytes (out);
}

/* Decoding */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint depth;          /* JSON arrays and objects open */
  GArray *stack;        /* GVariant *: children of the containers being read */
  GError **error;
} Parser;

static GVariant *parse_value (Parser             *self,
                              const GVariantType *type,
                              guint               depth);

static gboolean parse_error (Parser     *self,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);

static gboolean
parse_error (Parser     *self,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (self->error, RO_ERROR, RO_ERROR_PROTOCOL,
               "Invalid JSON message at byte %" G_GSIZE_FORMAT ": %s",
               (gsize) (self->p - self->start), message);
  return FALSE;
}

/* Peer-supplied text in error messages: short, and printable. */
static char *
quote_untrusted (const char *s,
                 gsize       length)
{
  GString *out = g_string_new (NULL);
  const char *end = s + length;
  const char *p = s;

  for (guint n = 0; p < end && n < 40; n++)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isprint (c))
        g_string_append_len (out, p, next - p);
      else
        g_string_append_printf (out, "\\u%04x", c);
      p = next;
    }
  if (p < end)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static void
skip_whitespace (Parser *self)
{
  while (self->p < self->end &&
         (*self->p == ' ' || *self->p == '\n' || *self->p == '\r' || *self->p == '\t'))
    self->p++;
}

static gboolean
has_prefix (Parser     *self,
            const char *literal,
            gsize       length)
{
  return (gsize) (self->end - self->p) >= length && memcmp (self->p, literal, length) == 0;
}

static gboolean
match_literal (Parser     *self,
               const char *literal,
               gsize       length)
{
  if (!has_prefix (self, literal, length))
    return FALSE;

  self->p += length;
  return TRUE;
}

/* What the next token is, for error messages. */
static const char *
describe_next (Parser *self)
{
  if (self->p >= self->end)
    return "the end of the message";

  switch (*self->p)
    {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case ']': return "“]”";
    case '}': return "“}”";
    case ',': return "“,”";
    case ':': return "“:”";
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return "a number";
    case 't':
      return has_prefix (self, "true", 4) ? "a boolean" : "an unexpected character";
    case 'f':
      return has_prefix (self, "false", 5) ? "a boolean" : "an unexpected character";
    case 'n':
      return has_prefix (self, "null", 4) ? "null" : "an unexpected character";
    default:
      return "an unexpected character";
    }
}

static gboolean
expect_char (Parser *self,
             char    c)
{
  skip_whitespace (self);
  if (self->p < self->end && *self->p == c)
    {
      self->p++;
      return TRUE;
    }

  return parse_error (self, "expected “%c”, found %s", c, describe_next (self));
}

/* Opens an array or object. */
static gboolean
enter (Parser *self,
       char    open)
{
  if (!expect_char (self, open))
    return FALSE;

  if (++self->depth > RO_MAX_NESTING_DEPTH)
    {
      self->p--;
      return parse_error (self, "JSON nested deeper than %d levels", RO_MAX_NESTING_DEPTH);
    }
  return TRUE;
}

static gboolean
leave (Parser *self,
       char    close)
{
  if (!expect_char (self, close))
    return FALSE;

  self->depth--;
  return TRUE;
}

/* Right after enter(): TRUE, having closed it, if the container is empty. */
static gboolean
at_close (Parser *self,
          char    close)
{
  skip_whitespace (self);
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      self->depth--;
      return TRUE;
    }
  return FALSE;
}

typedef enum {
  NEXT_ITEM,
  NEXT_END,
  NEXT_ERROR,
} NextResult;

/* After an item: a comma and more items, or the end of the container. */
static NextResult
next_item (Parser *self,
           char    close)
{
  skip_whitespace (self);
  if (self->p < self->end && *self->p == ',')
    {
      self->p++;
      return NEXT_ITEM;
    }
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      self->depth--;
      return NEXT_END;
    }

  parse_error (self, "expected “,” or “%c”, found %s", close, describe_next (self));
  return NEXT_ERROR;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the XXXX of a \uXXXX escape at self->p. */
static gboolean
read_hex4 (Parser   *self,
           gunichar *out)
{
  gunichar value = 0;

  if (self->end - self->p < 4)
    return parse_error (self, "truncated \\u escape");

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (self->p[i]);

      if (digit < 0)
        return parse_error (self, "invalid \\u escape");
      value = value << 4 | (gunichar) digit;
    }

  self->p += 4;
  *out = value;
  return TRUE;
}

/* Reads a JSON string. When it has no escapes, *str points into the payload
 * and *owned is NULL; otherwise *str == *owned, which the caller frees. The
 * payload has been checked to be valid UTF-8, and escapes may not make a NUL
 * or a lone surrogate, so the result is always valid UTF-8 without NUL. */
static gboolean
parse_string_span (Parser      *self,
                   const char **str,
                   gsize       *length,
                   char       **owned)
{
  g_autoptr(GString) unescaped = NULL;
  const char *run;

  skip_whitespace (self);
  if (self->p >= self->end || *self->p != '"')
    return parse_error (self, "expected a string, found %s", describe_next (self));

  run = ++self->p;
  for (;;)
    {
      guchar c;

      if (self->p >= self->end)
        return parse_error (self, "unterminated string");

      c = (guchar) *self->p;
      if (c == '"')
        break;
      if (c < 0x20)
        return parse_error (self, "control character in a string");
      if (c != '\\')
        {
          self->p++;
          continue;
        }

      if (unescaped == NULL)
        unescaped = g_string_sized_new ((self->p - run) + 16);
      g_string_append_len (unescaped, run, self->p - run);

      if (++self->p >= self->end)
        return parse_error (self, "unterminated string");

      switch (*self->p++)
        {
        case '"': g_string_append_c (unescaped, '"'); break;
        case '\\': g_string_append_c (unescaped, '\\'); break;
        case '/': g_string_append_c (unescaped, '/'); break;
        case 'b': g_string_append_c (unescaped, '\b'); break;
        case 'f': g_string_append_c (unescaped, '\f'); break;
        case 'n': g_string_append_c (unescaped, '\n'); break;
        case 'r': g_string_append_c (unescaped, '\r'); break;
        case 't': g_string_append_c (unescaped, '\t'); break;
        case 'u':
          {
            gunichar ch;

            if (!read_hex4 (self, &ch))
              return FALSE;

            if (ch >= 0xd800 && ch <= 0xdbff)
              {
                gunichar low;

                if (!match_literal (self, "\\u", 2))
                  return parse_error (self, "unpaired surrogate in a string");
                if (!read_hex4 (self, &low))
                  return FALSE;
                if (low < 0xdc00 || low > 0xdfff)
                  return parse_error (self, "unpaired surrogate in a string");
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (ch >= 0xdc00 && ch <= 0xdfff)
              return parse_error (self, "unpaired surrogate in a string");
            else if (ch == 0)
              return parse_error (self, "NUL character in a string");

            g_string_append_unichar (unescaped, ch);
          }
          break;
        default:
          self->p--;
          return parse_error (self, "invalid escape in a string");
        }
      run = self->p;
    }

  if (unescaped != NULL)
    {
      g_string_append_len (unescaped, run, self->p - run);
      *length = unescaped->len;
      *owned = g_string_free (g_steal_pointer (&unescaped), FALSE);
      *str = *owned;
    }
  else
    {
      *length = self->p - run;
      *owned = NULL;
      *str = run;
    }

  self->p++;
  return TRUE;
}

static char *
parse_string (Parser *self,
              gsize  *length)
{
  const char *str;
  char *owned;

  if (!parse_string_span (self, &str, length, &owned))
    return NULL;

  return owned != NULL ? owned : g_strndup (str, *length);
}

typedef enum {
  DECIMAL_OK,
  DECIMAL_SYNTAX,
  DECIMAL_OVERFLOW,
} DecimalResult;

/* The whole of @s must be -?(0|[1-9][0-9]*). */
static DecimalResult
read_decimal (const char *s,
              gsize       length,
              gboolean   *negative,
              guint64    *magnitude)
{
  const char *end = s + length;
  guint64 value = 0;
  gboolean overflow = FALSE;

  *negative = s < end && *s == '-';
  if (*negative)
    s++;

  if (s == end || (*s == '0' && end - s > 1))
    return DECIMAL_SYNTAX;

  /* Syntax first: an overflow is only reported for an all-digit string. */
  for (; s < end; s++)
    {
      guint digit;

      if (!g_ascii_isdigit (*s))
        return DECIMAL_SYNTAX;
      digit = (guint) (*s - '0');
      if (value > (G_MAXUINT64 - digit) / 10)
        overflow = TRUE;
      value = value * 10 + digit;
    }

  if (overflow)
    return DECIMAL_OVERFLOW;
  *magnitude = value;
  return DECIMAL_OK;
}

/* Scans a JSON number at self->p, checking its syntax. */
static gboolean
scan_number (Parser      *self,
             const char **start,
             gsize       *length,
             gboolean    *is_integer)
{
  const char *q = self->p;

  *is_integer = TRUE;

  if (q < self->end && *q == '-')
    q++;
  if (q >= self->end || !g_ascii_isdigit (*q))
    return parse_error (self, "malformed number");
  if (*q == '0')
    q++;
  else
    while (q < self->end && g_ascii_isdigit (*q))
      q++;

  if (q < self->end && *q == '.')
    {
      q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        return parse_error (self, "malformed number");
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
      *is_integer = FALSE;
    }

  if (q < self->end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < self->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        return parse_error (self, "malformed number");
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
      *is_integer = FALSE;
    }

  *start = self->p;
  *length = q - self->p;
  self->p = q;
  return TRUE;
}

static gboolean
is_number_start (Parser *self)
{
  return self->p < self->end && (*self->p == '-' || g_ascii_isdigit (*self->p));
}

/* Reads an integer of GVariant type @type_char into *bits (two's
 * complement), checking it lies in [@min, @max]. x and t may also come as a
 * decimal string. */
static gboolean
parse_integer (Parser   *self,
               char      type_char,
               gint64    min,
               guint64   max,
               guint64  *bits)
{
  gboolean is_string = FALSE;
  g_autofree char *owned = NULL;
  const char *text;
  gsize length;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  DecimalResult result;
  const char *token_start;

  skip_whitespace (self);
  token_start = self->p;

  if ((type_char == 'x' || type_char == 't') && self->p < self->end && *self->p == '"')
    {
      if (!parse_string_span (self, &text, &length, &owned))
        return FALSE;
      is_string = TRUE;
      result = read_decimal (text, length, &negative, &magnitude);
      if (result == DECIMAL_SYNTAX)
        {
          g_autofree char *quoted = quote_untrusted (text, length);

          self->p = token_start;
          return parse_error (self, "“%s” is not an integer of type “%c”", quoted, type_char);
        }
    }
  else if (is_number_start (self))
    {
      gboolean is_integer;

      if (!scan_number (self, &text, &length, &is_integer))
        return FALSE;
      if (!is_integer)
        {
          self->p = token_start;
          return parse_error (self, "expected an integer of type “%c”, found a number with a fraction or exponent",
                              type_char);
        }
      result = read_decimal (text, length, &negative, &magnitude);
    }
  else
    return parse_error (self, "expected an integer of type “%c”, found %s",
                        type_char, describe_next (self));

  g_assert (result != DECIMAL_SYNTAX || is_string);

  if (result == DECIMAL_OVERFLOW ||
      (negative ? (magnitude > 0 && (min >= 0 || magnitude - 1 > (guint64) -(min + 1)))
                : magnitude > max))
    {
      self->p = token_start;
      return parse_error (self, "%s%.*s%s is out of range for type “%c”",
                          negative ? "-" : "",
                          (int) MIN (length - (negative ? 1 : 0), 24), text + (negative ? 1 : 0),
                          length - (negative ? 1 : 0) > 24 ? "…" : "",
                          type_char);
    }

  *bits = negative ? -magnitude : magnitude;
  return TRUE;
}

static gboolean
parse_double (Parser *self,
              double *out)
{
  const char *token_start;
  const char *text;
  gsize length;
  gboolean is_integer;
  char buf[64];
  g_autofree char *heap = NULL;
  char *copy;

  skip_whitespace (self);
  token_start = self->p;

  if (self->p < self->end && *self->p == '"')
    {
      g_autofree char *owned = NULL;

      if (!parse_string_span (self, &text, &length, &owned))
        return FALSE;

#define IS(literal) (length == sizeof literal - 1 && memcmp (text, literal, length) == 0)
      if (IS ("NaN"))
        *out = NAN;
      else if (IS ("Infinity"))
        *out = INFINITY;
      else if (IS ("-Infinity"))
        *out = -INFINITY;
      else if (IS ("-0"))
        *out = -0.0;
      else
        {
          g_autofree char *quoted = quote_untrusted (text, length);

          self->p = token_start;
          return parse_error (self, "“%s” is not a number of type “d”", quoted);
        }
#undef IS
      return TRUE;
    }

  if (!is_number_start (self))
    return parse_error (self, "expected a number of type “d”, found %s", describe_next (self));
  if (!scan_number (self, &text, &length, &is_integer))
    return FALSE;

  /* The payload is not NUL-terminated. */
  if (length < sizeof buf)
    copy = buf;
  else
    copy = heap = g_malloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';

  *out = g_ascii_strtod (copy, NULL);
  if (isinf (*out))
    {
      self->p = token_start;
      return parse_error (self, "number out of range for type “d”");
    }
  return TRUE;
}

static int
base64_value (guchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* Strict RFC 4648 base64: padded, no line breaks, no stray bits, so that
 * each byte string has exactly one encoding. */
static GVariant *
parse_bytes (Parser *self)
{
  const char *token_start;
  const char *text;
  gsize length;
  g_autofree char *owned = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize n = 0;

  skip_whitespace (self);
  token_start = self->p;

  if (self->p >= self->end || *self->p != '"')
    {
      parse_error (self, "expected a base64 string for type “ay”, found %s", describe_next (self));
      return NULL;
    }
  if (!parse_string_span (self, &text, &length, &owned))
    return NULL;

  if (length % 4 != 0)
    goto invalid;

  data = g_malloc (length / 4 * 3 + 1);
  for (gsize i = 0; i < length; i += 4)
    {
      const guchar *q = (const guchar *) text + i;
      gboolean last = i + 4 == length;
      int v[4];

      for (int j = 0; j < 4; j++)
        v[j] = base64_value (q[j]);

      if (v[0] < 0 || v[1] < 0)
        goto invalid;

      if (last && q[2] == '=' && q[3] == '=')
        {
          if (v[1] & 0xf)
            goto invalid;
          data[n++] = (guint8) (v[0] << 2 | v[1] >> 4);
        }
      else if (last && q[3] == '=')
        {
          if (v[2] < 0 || (v[2] & 0x3))
            goto invalid;
          data[n++] = (guint8) (v[0] << 2 | v[1] >> 4);
          data[n++] = (guint8) ((v[1] & 0xf) << 4 | v[2] >> 2);
        }
      else
        {
          if (v[2] < 0 || v[3] < 0)
            goto invalid;
          data[n++] = (guint8) (v[0] << 2 | v[1] >> 4);
          data[n++] = (guint8) ((v[1] & 0xf) << 4 | v[2] >> 2);
          data[n++] = (guint8) ((v[2] & 0x3) << 6 | v[3]);
        }
    }

  bytes = g_bytes_new_take (g_steal_pointer (&data), n);
  return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE));

invalid:
  self->p = token_start;
  parse_error (self, "invalid base64 for type “ay”");
  return NULL;
}

/* A type string for a value nested in @depth containers. */
static GVariantType *
parse_type (Parser *self,
            guint   depth)
{
  const char *token_start;
  g_autofree char *string = NULL;
  g_autoptr(GVariantType) type = NULL;
  gsize length;

  skip_whitespace (self);
  token_start = self->p;

  string = parse_string (self, &length);
  if (string == NULL)
    return NULL;

  if (length > RO_MAX_TYPE_STRING_LENGTH || !g_variant_type_string_is_valid (string))
    {
      g_autofree char *quoted = quote_untrusted (string, length);

      self->p = token_start;
      parse_error (self, "“%s” is not a valid type string", quoted);
      return NULL;
    }

  type = g_variant_type_new (string);
  if (!g_variant_type_is_definite (type))
    {
      self->p = token_start;
      parse_error (self, "“%s” is not a definite type", string);
      return NULL;
    }
  if (depth + ro_variant_type_depth (type) > RO_MAX_NESTING_DEPTH)
    {
      self->p = token_start;
      parse_error (self, "values nested deeper than %d levels", RO_MAX_NESTING_DEPTH);
      return NULL;
    }

  return g_steal_pointer (&type);
}

/* [type string, value]: a variant's contents, or the message body. */
static GVariant *
parse_typed (Parser *self,
             guint   depth)
{
  g_autoptr(GVariantType) type = NULL;
  g_autoptr(GVariant) value = NULL;

  if (!enter (self, '['))
    return NULL;
  type = parse_type (self, depth);
  if (type == NULL || !expect_char (self, ','))
    return NULL;
  value = parse_value (self, type, depth);
  if (value == NULL)
    return NULL;
  if (!leave (self, ']'))
    return NULL;

  return g_steal_pointer (&value);
}

static void
pop_children (Parser *self,
              guint   base)
{
  g_array_set_size (self->stack, base);
}

static GVariant **
children_at (Parser *self,
             guint   base)
{
  return &g_array_index (self->stack, GVariant *, base);
}

static gboolean
push_child (Parser   *self,
            GVariant *child)
{
  if (child == NULL)
    return FALSE;
  g_array_append_val (self->stack, child);
  return TRUE;
}

/* Tuples and dict entries: an array of exactly as many items. */
static GVariant *
parse_tuple (Parser             *self,
             const GVariantType *type,
             guint               depth)
{
  guint base = self->stack->len;
  gsize n_items = g_variant_type_n_items (type);
  GVariant *result = NULL;
  const GVariantType *item;
  guint i = 0;

  if (!enter (self, '['))
    return NULL;

  for (item = g_variant_type_first (type); item != NULL; item = g_variant_type_next (item), i++)
    {
      skip_whitespace (self);
      if (self->p < self->end && *self->p == ']')
        {
          parse_error (self, "type “%.*s” needs %" G_GSIZE_FORMAT " items, found %u",
                       (int) g_variant_type_get_string_length (type),
                       g_variant_type_peek_string (type), n_items, i);
          goto out;
        }
      if (i > 0 && !expect_char (self, ','))
        goto out;
      if (!push_child (self, parse_value (self, item, depth + 1)))
        goto out;
    }

  skip_whitespace (self);
  if (self->p < self->end && *self->p == ',')
    {
      parse_error (self, "type “%.*s” needs %" G_GSIZE_FORMAT " items, found more",
                   (int) g_variant_type_get_string_length (type),
                   g_variant_type_peek_string (type), n_items);
      goto out;
    }
  if (!leave (self, ']'))
    goto out;

  if (g_variant_type_is_tuple (type))
    result = g_variant_new_tuple (children_at (self, base), n_items);
  else
    result = g_variant_new_dict_entry (children_at (self, base)[0], children_at (self, base)[1]);
  result = g_variant_ref_sink (result);

out:
  pop_children (self, base);
  return result;
}

static GVariant *
parse_array (Parser             *self,
             const GVariantType *type,
             guint               depth)
{
  const GVariantType *element = g_variant_type_element (type);
  guint base = self->stack->len;
  GVariant *result = NULL;

  if (!enter (self, '['))
    return NULL;

  if (!at_close (self, ']'))
    {
      NextResult next;

      do
        {
          if (!push_child (self, parse_value (self, element, depth + 1)))
            goto out;
        }
      while ((next = next_item (self, ']')) == NEXT_ITEM);

      if (next == NEXT_ERROR)
        goto out;
    }

  result = g_variant_ref_sink (g_variant_new_array (element, children_at (self, base),
                                                    self->stack->len - base));

out:
  pop_children (self, base);
  return result;
}

static GVariant *
parse_key (Parser             *self,
           const GVariantType *key_type)
{
  const char *token_start;
  g_autofree char *key = NULL;
  gsize length;

  skip_whitespace (self);
  token_start = self->p;
  key = parse_string (self, &length);
  if (key == NULL)
    return NULL;

  switch (g_variant_type_peek_string (key_type)[0])
    {
    case 's':
      return g_variant_ref_sink (g_variant_new_take_string (g_steal_pointer (&key)));
    case 'o':
      if (g_variant_is_object_path (key))
        return g_variant_ref_sink (g_variant_new_object_path (key));
      break;
    case 'g':
      if (g_variant_is_signature (key))
        return g_variant_ref_sink (g_variant_new_signature (key));
      break;
    default:
      g_assert_not_reached ();
    }

  {
    g_autofree char *quoted = quote_untrusted (key, length);

    self->p = token_start;
    parse_error (self, "“%s” is not a valid key of type “%c”",
                 quoted, g_variant_type_peek_string (key_type)[0]);
  }
  return NULL;
}

/* a{sX}, a{oX}, a{gX}: an object, in order, repeated keys kept. */
static GVariant *
parse_object_dict (Parser             *self,
                   const GVariantType *type,
                   guint               depth)
{
  const GVariantType *entry_type = g_variant_type_element (type);
  const GVariantType *value_type = g_variant_type_value (entry_type);
  guint base = self->stack->len;
  GVariant *result = NULL;

  if (!enter (self, '{'))
    return NULL;

  if (!at_close (self, '}'))
    {
      NextResult next;

      do
        {
          g_autoptr(GVariant) key = parse_key (self, g_variant_type_key (entry_type));
          g_autoptr(GVariant) value = NULL;

          if (key == NULL || !expect_char (self, ':'))
            goto out;
          value = parse_value (self, value_type, depth + 2);
          if (value == NULL)
            goto out;
          push_child (self, g_variant_ref_sink (g_variant_new_dict_entry (key, value)));
        }
      while ((next = next_item (self, '}')) == NEXT_ITEM);

      if (next == NEXT_ERROR)
        goto out;
    }

  result = g_variant_ref_sink (g_variant_new_array (entry_type, children_at (self, base),
                                                    self->stack->len - base));

out:
  pop_children (self, base);
  return result;
}

static GVariant *
parse_maybe (Parser             *self,
             const GVariantType *type,
             guint               depth)
{
  const GVariantType *element = g_variant_type_element (type);
  g_autoptr(GVariant) child = NULL;

  skip_whitespace (self);
  if (match_literal (self, "null", 4))
    return g_variant_ref_sink (g_variant_new_maybe (element, NULL));

  if (g_variant_type_is_maybe (element))
    {
      if (!enter (self, '['))
        return NULL;
      child = parse_value (self, element, depth + 1);
      if (child == NULL || !leave (self, ']'))
        return NULL;
    }
  else
    {
      child = parse_value (self, element, depth + 1);
      if (child == NULL)
        return NULL;
    }

  return g_variant_ref_sink (g_variant_new_maybe (element, child));
}

/* Reads a value of @type nested in @depth containers; returns a full
 * reference, or NULL with the parser's error set. */
static GVariant *
parse_value (Parser             *self,
             const GVariantType *type,
             guint               depth)
{
  char type_char = g_variant_type_peek_string (type)[0];
  GVariant *value = NULL;
  guint64 bits;

  switch (type_char)
    {
    case 'b':
      skip_whitespace (self);
      if (match_literal (self, "true", 4))
        value = g_variant_new_boolean (TRUE);
      else if (match_literal (self, "false", 5))
        value = g_variant_new_boolean (FALSE);
      else
        parse_error (self, "expected a boolean, found %s", describe_next (self));
      break;
    case 'y':
      if (parse_integer (self, type_char, 0, G_MAXUINT8, &bits))
        value = g_variant_new_byte ((guint8) bits);
      break;
    case 'n':
      if (parse_integer (self, type_char, G_MININT16, G_MAXINT16, &bits))
        value = g_variant_new_int16 ((gint16) bits);
      break;
    case 'q':
      if (parse_integer (self, type_char, 0, G_MAXUINT16, &bits))
        value = g_variant_new_uint16 ((guint16) bits);
      break;
    case 'i':
      if (parse_integer (self, type_char, G_MININT32, G_MAXINT32, &bits))
        value = g_variant_new_int32 ((gint32) bits);
      break;
    case 'h':
      if (parse_integer (self, type_char, G_MININT32, G_MAXINT32, &bits))
        value = g_variant_new_handle ((gint32) bits);
      break;
    case 'u':
      if (parse_integer (self, type_char, 0, G_MAXUINT32, &bits))
        value = g_variant_new_uint32 ((guint32) bits);
      break;
    case 'x':
      if (parse_integer (self, type_char, G_MININT64, G_MAXINT64, &bits))
        value = g_variant_new_int64 ((gint64) bits);
      break;
    case 't':
      if (parse_integer (self, type_char, 0, G_MAXUINT64, &bits))
        value = g_variant_new_uint64 (bits);
      break;
    case 'd':
      {
        double d = 0;

        if (parse_double (self, &d))
          value = g_variant_new_double (d);
      }
      break;
    case 's':
      {
        gsize length;
        char *s = parse_string (self, &length);

        if (s != NULL)
          value = g_variant_new_take_string (s);
      }
      break;
    case 'o':
    case 'g':
      {
        const char *token_start;
        g_autofree char *s = NULL;
        gsize length;

        skip_whitespace (self);
        token_start = self->p;
        s = parse_string (self, &length);
        if (s == NULL)
          break;
        if (type_char == 'o' && g_variant_is_object_path (s))
          value = g_variant_new_object_path (s);
        else if (type_char == 'g' && g_variant_is_signature (s))
          value = g_variant_new_signature (s);
        else
          {
            g_autofree char *quoted = quote_untrusted (s, length);

            self->p = token_start;
            parse_error (self, "“%s” is not a valid %s", quoted,
                         type_char == 'o' ? "object path" : "signature");
          }
      }
      break;
    case 'v':
      {
        g_autoptr(GVariant) inner = parse_typed (self, depth + 1);

        if (inner != NULL)
          value = g_variant_new_variant (inner);
      }
      break;
    case 'm':
      return parse_maybe (self, type, depth);
    case 'a':
      if (g_variant_type_peek_string (type)[1] == 'y')
        return parse_bytes (self);
      if (g_variant_type_is_dict_entry (g_variant_type_element (type)))
        {
          char key = g_variant_type_peek_string (type)[2];

          if (key == 's' || key == 'o' || key == 'g')
            return parse_object_dict (self, type, depth);
        }
      return parse_array (self, type, depth);
    case '(':
    case '{':
      return parse_tuple (self, type, depth);
    default:
      g_assert_not_reached ();
    }

  return value != NULL ? g_variant_ref_sink (value) : NULL;
}

enum {
  KEY_TYPE = 1 << 0,
  KEY_SERIAL = 1 << 1,
  KEY_NAME = 1 << 2,
  KEY_MEMBER = 1 << 3,
  KEY_BODY = 1 << 4,
};

static gboolean
parse_serial (Parser  *self,
              guint32 *serial)
{
  const char *token_start;
  const char *text;
  gsize length;
  gboolean is_integer;
  gboolean negative;
  guint64 magnitude;

  skip_whitespace (self);
  token_start = self->p;

  if (!is_number_start (self) || !scan_number (self, &text, &length, &is_integer) ||
      !is_integer || read_decimal (text, length, &negative, &magnitude) != DECIMAL_OK ||
      negative || magnitude == 0 || magnitude > G_MAXUINT32)
    {
      g_clear_error (self->error);
      self->p = token_start;
      return parse_error (self, "“serial” must be an integer from 1 to %u", G_MAXUINT32);
    }

  *serial = (guint32) magnitude;
  return TRUE;
}

static RoMessage *
parse_message (Parser *self)
{
  guint seen = 0;
  RoMessageType type = RO_MESSAGE_HELLO;
  guint32 serial = 0;
  g_autofree char *name = NULL;
  g_autofree char *member = NULL;
  g_autoptr(GVariant) body = NULL;
  RoMessage *message;

  if (!enter (self, '{'))
    return NULL;

  if (!at_close (self, '}'))
    {
      NextResult next;

      do
        {
          const char *key_start;
          const char *key;
          gsize length;
          g_autofree char *owned = NULL;
          guint bit;

          skip_whitespace (self);
          key_start = self->p;
          if (!parse_string_span (self, &key, &length, &owned))
            return NULL;

#define IS(literal) (length == sizeof literal - 1 && memcmp (key, literal, length) == 0)
          if (IS ("type"))
            bit = KEY_TYPE;
          else if (IS ("serial"))
            bit = KEY_SERIAL;
          else if (IS ("name"))
            bit = KEY_NAME;
          else if (IS ("member"))
            bit = KEY_MEMBER;
          else if (IS ("body"))
            bit = KEY_BODY;
          else
            {
              g_autofree char *quoted = quote_untrusted (key, length);

              self->p = key_start;
              parse_error (self, "unknown key “%s”", quoted);
              return NULL;
            }
#undef IS

          if (seen & bit)
            {
              g_autofree char *quoted = quote_untrusted (key, length);

              self->p = key_start;
              parse_error (self, "repeated key “%s”", quoted);
              return NULL;
            }
          seen |= bit;

          if (!expect_char (self, ':'))
            return NULL;

          switch (bit)
            {
            case KEY_TYPE:
              {
                const char *value_start;
                g_autofree char *type_name = NULL;
                gsize type_length;

                skip_whitespace (self);
                value_start = self->p;
                type_name = parse_string (self, &type_length);
                if (type_name == NULL)
                  return NULL;
                if (!ro_message_type_from_string (type_name, &type))
                  {
                    g_autofree char *quoted = quote_untrusted (type_name, type_length);

                    self->p = value_start;
                    parse_error (self, "unknown message type “%s”", quoted);
                    return NULL;
                  }
              }
              break;
            case KEY_SERIAL:
              if (!parse_serial (self, &serial))
                return NULL;
              break;
            case KEY_NAME:
              name = parse_string (self, &length);
              if (name == NULL)
                return NULL;
              break;
            case KEY_MEMBER:
              member = parse_string (self, &length);
              if (member == NULL)
                return NULL;
              break;
            case KEY_BODY:
              body = parse_typed (self, 0);
              if (body == NULL)
                return NULL;
              break;
            default:
              g_assert_not_reached ();
            }
        }
      while ((next = next_item (self, '}')) == NEXT_ITEM);

      if (next == NEXT_ERROR)
        return NULL;
    }

  skip_whitespace (self);
  if (self->p != self->end)
    {
      parse_error (self, "data after the message object");
      return NULL;
    }
  if (!(seen & KEY_TYPE))
    {
      parse_error (self, "message without a “type”");
      return NULL;
    }

  message = ro_message_new (type);
  message->serial = serial;
  message->name = g_steal_pointer (&name);
  message->member = g_steal_pointer (&member);
  message->body = g_steal_pointer (&body);
  return message;
}

static void
unref_child (gpointer data)
{
  g_variant_unref (*(GVariant **) data);
}

static RoMessage *
json_decode (const guint8  *payload,
             gsize          length,
             GError       **error)
{
  const char *text = (const char *) payload;
  const char *invalid;
  g_autoptr(RoMessage) message = NULL;
  /* Filled in once the payload is known not to be empty: an empty one may
   * be NULL, and NULL + 0 is undefined behaviour in C. */
  Parser self = { NULL, };

  g_return_val_if_fail (payload != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL, "Empty JSON message");
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   *invalid == '\0' ? "JSON message with a NUL byte at byte %" G_GSIZE_FORMAT
                                    : "JSON message that is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                   (gsize) (invalid - text));
      return NULL;
    }

  self.start = self.p = text;
  self.end = text + length;
  self.error = error;
  self.stack = g_array_sized_new (FALSE, FALSE, sizeof (GVariant *), 32);
  g_array_set_clear_func (self.stack, unref_child);
  message = parse_message (&self);
  g_array_unref (self.stack);

  if (message == NULL)
    return NULL;

  if (!ro_message_validate (message, error))
    return NULL;

  return g_steal_pointer (&message);
}

static const RoCodec json_codec = {
  .name = "json",
  .encode = json_encode,
  .decode = json_decode,
};

/**
 * ro_codec_json:
 *
 * Gets the JSON codec: the one every peer supports, and the format this
 * file's header comment describes.
 *
 * Returns: (transfer none): the codec
 */
const RoCodec *
ro_codec_json (void)
{
  return &json_codec;
}
