/* ro-entries.c: arrays of (name, value) entries, in serialized form
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Every property value crosses the wire as one entry of such an array:
 * each change of a burst and each value of a snapshot. Built as a GVariant
 * tree, an entry costs four nodes, each an allocation and a locked type
 * lookup, and the tree is walked again to serialize it; read back with
 * g_variant_get_child_value(), it costs four more. Here an entry is
 * written and read where it lies in the array's bytes.
 *
 * An entry is a (sv): the name's bytes and NUL; padding to 8; the
 * variant (its value's data, a zero byte, the value's type); and one
 * framing offset, where the name ends. The array pads each entry to 8 and
 * ends with the offsets of the entries' ends.
 */

#include "config.h"

#include <string.h>

#include "ro-entries.h"
#include "ro-value-private.h"
#include "ro-variant-format.h"

#define ENTRY_ALIGN 8

void
ro_entries_writer_init (RoEntriesWriter *writer)
{
  writer->out = g_byte_array_new ();
  writer->ends = g_array_new (FALSE, FALSE, sizeof (gsize));
}

gboolean
ro_entries_writer_add (RoEntriesWriter  *writer,
                       const char       *name,
                       const GValue     *value,
                       GError          **error)
{
  const GVariantType *type = ro_value_type_for_gtype (G_VALUE_TYPE (value), error);
  GByteArray *out = writer->out;
  gsize before = out->len, start, name_end, size;

  if (type == NULL)
    return FALSE;

  ro_variant_append_padding (out, ENTRY_ALIGN);
  start = out->len;
  g_byte_array_append (out, (const guint8 *) name, strlen (name) + 1);
  name_end = out->len - start;
  ro_variant_append_padding (out, ENTRY_ALIGN);
  if (!ro_value_write (out, value, error))
    {
      g_byte_array_set_size (out, before);
      return FALSE;
    }
  g_byte_array_append (out, (const guint8 *) "", 1);
  g_byte_array_append (out, (const guint8 *) g_variant_type_peek_string (type),
                       g_variant_type_get_string_length (type));

  size = out->len - start;
  ro_variant_append_le (out, name_end, ro_variant_framed_size (size, 1) - size);
  g_array_append_val (writer->ends, out->len);
  return TRUE;
}

guint
ro_entries_writer_get_n (RoEntriesWriter *writer)
{
  return writer->ends->len;
}

GVariant *
ro_entries_writer_end (RoEntriesWriter    *writer,
                       const GVariantType *type)
{
  GByteArray *out = g_steal_pointer (&writer->out);
  gsize body = out->len, n = writer->ends->len;

  if (n > 0)
    {
      gsize osize = (ro_variant_framed_size (body, n) - body) / n;

      for (gsize i = 0; i < n; i++)
        ro_variant_append_le (out, g_array_index (writer->ends, gsize, i), osize);
    }
  g_array_set_size (writer->ends, 0);
  writer->out = g_byte_array_new ();
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (out);

    return ro_variant_new_trusted (type, bytes);
  }
}

void
ro_entries_writer_clear (RoEntriesWriter *writer)
{
  g_clear_pointer (&writer->out, g_byte_array_unref);
  g_clear_pointer (&writer->ends, g_array_unref);
}

static void
entry_clear (RoEntry *entry)
{
  g_variant_unref (entry->value);
}

/* The entry of @size bytes at @start of @bytes. */
static gboolean
read_entry (GBytes   *bytes,
            gsize     start,
            gsize     size,
            gboolean  trusted,
            RoEntry  *entry)
{
  const guint8 *data = (const guint8 *) g_bytes_get_data (bytes, NULL) + start;
  gsize osize = ro_variant_offset_size (size), name_end, value_start, value_end, value_size;
  const char *type, *type_end;

  if (size <= osize)
    return FALSE;
  name_end = ro_variant_read_offset (data + size - osize, osize);
  value_start = (name_end + ENTRY_ALIGN - 1) / ENTRY_ALIGN * ENTRY_ALIGN;
  value_end = size - osize;
  if (name_end == 0 || value_start >= value_end || data[name_end - 1] != '\0')
    return FALSE;

  if (!ro_variant_split (data + value_start, value_end - value_start, &value_size))
    return FALSE;
  type = (const char *) data + value_start + value_size + 1;
  type_end = (const char *) data + value_end;
  if (type == type_end || !g_variant_type_string_scan (type, type_end, NULL) ||
      g_variant_type_get_string_length ((const GVariantType *) type) != (gsize) (type_end - type) ||
      !g_variant_type_is_definite ((const GVariantType *) type))
    return FALSE;

  {
    g_autoptr(GBytes) value = g_bytes_new_from_bytes (bytes, start + value_start, value_size);

    entry->name = (const char *) data;
    /* Already in this machine's byte order, like the array. */
    entry->value = g_variant_ref_sink (g_variant_new_from_bytes ((const GVariantType *) type, value, trusted));
  }
  return TRUE;
}

GArray *
ro_entries_read (GVariant  *array,
                 GError   **error)
{
  /* Values are trusted as far as the array is: a GLib tree, or bytes the
   * wire's strict reader took, answers at once. */
  gboolean trusted = g_variant_is_normal_form (array);
  g_autoptr(GBytes) bytes = g_variant_get_data_as_bytes (array);
  gsize size = g_bytes_get_size (bytes), osize = ro_variant_offset_size (size), offsets, n, start = 0;
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  g_autoptr(GArray) entries = NULL;

  if (size == 0)
    n = offsets = 0;
  else
    {
      offsets = ro_variant_read_offset (data + size - osize, osize);
      if (offsets >= size || (size - offsets) % osize != 0)
        goto malformed;
      n = (size - offsets) / osize;
    }

  entries = g_array_sized_new (FALSE, FALSE, sizeof (RoEntry), n);
  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (gsize i = 0; i < n; i++)
    {
      gsize end = ro_variant_read_offset (data + offsets + i * osize, osize);
      RoEntry entry;

      if (end < start || end > offsets || !read_entry (bytes, start, end - start, trusted, &entry))
        goto malformed;
      g_array_append_val (entries, entry);
      start = (end + ENTRY_ALIGN - 1) / ENTRY_ALIGN * ENTRY_ALIGN;
    }
  return g_steal_pointer (&entries);

malformed:
  g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL, "The entries of a “%s” value are not framed correctly",
               g_variant_get_type_string (array));
  return NULL;
}
