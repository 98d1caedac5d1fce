/* ro-variant-reader.c: GVariant data read strictly, for bytes from peers
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * GLib's own reading of untrusted serialized data is not enough for a
 * network peer: GLib 2.74 walks nested variants in exponential time
 * (CVE-2023-32665) and takes some non-canonical data for normal form (a
 * tuple of empty maybes without its offsets, an offset size larger than
 * the container needs). Checking it meant rebuilding and re-encoding every
 * message. This reader follows the GVariant specification itself, in one
 * pass, and refuses every byte that the canonical encoder would not have
 * written: padding that is not zero, offsets that are not the smallest
 * size or do not frame the children exactly, booleans other than 0 and 1,
 * strings without their one trailing NUL or not UTF-8.
 *
 * What it returns is a copy of the bytes checked, marked trusted: GLib
 * then walks it without checking it again, which is also what makes
 * nested variants slow to it.
 */

#include "config.h"

#include <string.h>

#include "ro-variant-reader.h"

static gboolean
is_zero (const guint8 *data,
         gsize         size)
{
  for (gsize i = 0; i < size; i++)
    if (data[i] != 0)
      return FALSE;
  return TRUE;
}

static gsize
align_up (gsize offset,
          gsize align)
{
  return (offset + align - 1) & ~(align - 1);
}

#define LAYOUT_ITEMS 16
#define N_LAYOUTS    8

typedef struct
{
  const GVariantType *type;   /* NULL: a free slot */
  RoVariantLayout info;
  gsize n_items;
  gsize n_offsets;            /* items of variable size but the last */
  const GVariantType **items; /* inline_items, unless there are more */
  RoVariantLayout *item_infos;
  const GVariantType *inline_items[LAYOUT_ITEMS];
  RoVariantLayout inline_infos[LAYOUT_ITEMS];
} TupleLayout;

typedef struct
{
  RoVariantReadResult result;
  guint top;            /* depth_left of the value read: its level 0 */
  guint deepest;        /* the most containers open at once, as ro_message_validate() counts */
  TupleLayout layouts[N_LAYOUTS];
} Reader;

static gboolean read_value (Reader             *reader,
                            const GVariantType *type,
                            const guint8       *data,
                            gsize               size,
                            guint               depth_left);

static gboolean
fail (Reader              *reader,
      RoVariantReadResult  result)
{
  reader->result = result;
  return FALSE;
}

static gboolean
read_basic (Reader             *reader,
            const GVariantType *type,
            const guint8       *data,
            gsize               size)
{
  char code = g_variant_type_peek_string (type)[0];
  RoVariantLayout info;

  if (code == 's' || code == 'o' || code == 'g')
    {
      if (!ro_variant_is_string (data, size) ||
          (code == 'o' && !g_variant_is_object_path ((const char *) data)) ||
          (code == 'g' && !g_variant_is_signature ((const char *) data)))
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      return TRUE;
    }

  ro_variant_type_layout (type, &info);
  if (size != info.fixed_size || (code == 'b' && data[0] > 1))
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  return TRUE;
}

static gboolean
read_maybe (Reader             *reader,
            const GVariantType *element,
            const guint8       *data,
            gsize               size,
            guint               depth_left)
{
  RoVariantLayout info;

  if (size == 0)
    return TRUE;
  ro_variant_type_layout (element, &info);
  if (info.fixed_size != 0)
    {
      if (size != info.fixed_size)
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      return read_value (reader, element, data, size, depth_left);
    }
  /* A Just of variable size ends in one zero byte. */
  if (data[size - 1] != 0)
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  return read_value (reader, element, data, size - 1, depth_left);
}

static gboolean
read_array (Reader             *reader,
            const GVariantType *element,
            const guint8       *data,
            gsize               size,
            guint               depth_left)
{
  RoVariantLayout info;
  gsize osize, body, n, end = 0;

  if (size == 0)
    return TRUE;
  ro_variant_type_layout (element, &info);

  if (info.fixed_size != 0)
    {
      if (size % info.fixed_size != 0)
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      n = size / info.fixed_size;
      for (gsize i = 0; i < n; i++)
        if (!read_value (reader, element, data + i * info.fixed_size, info.fixed_size, depth_left))
          return FALSE;
      return TRUE;
    }

  /* Elements of variable size are framed by the offsets of their ends,
   * in order, after the last one. */
  osize = ro_variant_offset_size (size);
  body = ro_variant_read_offset (data + size - osize, osize);
  if (body > size - osize || (size - body) % osize != 0)
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  n = (size - body) / osize;
  if (ro_variant_framed_size (body, n) != size)
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);

  for (gsize i = 0; i < n; i++)
    {
      gsize start = align_up (end, info.align);
      gsize next = ro_variant_read_offset (data + body + i * osize, osize);

      if (start > next || next > body || !is_zero (data + end, start - end))
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      if (!read_value (reader, element, data + start, next - start, depth_left))
        return FALSE;
      end = next;
    }
  return TRUE;
}

/* What reading a tuple of some type needs, worked out once per read: an
 * array of a thousand tuples has one layout. */
static void
tuple_layout_clear (TupleLayout *layout)
{
  if (layout->items != layout->inline_items)
    {
      g_free (layout->items);
      g_free (layout->item_infos);
    }
  layout->type = NULL;
}

/* A layout kept in a free slot, or else worked out in @scratch (which the
 * caller clears): slots in use are never taken back, since the tuples
 * being read hold theirs. */
static const TupleLayout *
tuple_layout (Reader             *reader,
              const GVariantType *type,
              TupleLayout        *scratch)
{
  TupleLayout *layout = scratch;
  gsize i = 0;

  for (guint j = 0; j < N_LAYOUTS; j++)
    if (reader->layouts[j].type == type)
      return &reader->layouts[j];
  for (guint j = 0; j < N_LAYOUTS && layout == scratch; j++)
    if (reader->layouts[j].type == NULL)
      layout = &reader->layouts[j];

  layout->type = type;
  ro_variant_type_layout (type, &layout->info);
  layout->n_items = g_variant_type_n_items (type);
  layout->n_offsets = 0;
  if (layout->n_items <= LAYOUT_ITEMS)
    {
      layout->items = layout->inline_items;
      layout->item_infos = layout->inline_infos;
    }
  else
    {
      layout->items = g_new (const GVariantType *, layout->n_items);
      layout->item_infos = g_new (RoVariantLayout, layout->n_items);
    }
  for (const GVariantType *item = g_variant_type_first (type); item != NULL; item = g_variant_type_next (item), i++)
    {
      layout->items[i] = item;
      ro_variant_type_layout (item, &layout->item_infos[i]);
      /* Every item of variable size but the last has the offset of its
       * end stored at the end of the tuple, the first item's last. */
      if (layout->item_infos[i].fixed_size == 0 && i + 1 < layout->n_items)
        layout->n_offsets++;
    }
  return layout;
}

static void
reader_clear (Reader *reader)
{
  for (guint j = 0; j < N_LAYOUTS; j++)
    if (reader->layouts[j].type != NULL)
      tuple_layout_clear (&reader->layouts[j]);
}

/* Types inside a variant live as long as its type string. */
static void
forget_layouts (Reader     *reader,
                const char *type_string)
{
  guintptr start = (guintptr) type_string;
  guintptr end = start + strlen (type_string);

  for (guint j = 0; j < N_LAYOUTS; j++)
    {
      guintptr type = (guintptr) reader->layouts[j].type;

      if (type >= start && type < end)
        tuple_layout_clear (&reader->layouts[j]);
    }
}

static gboolean read_laid_out_tuple (Reader            *reader,
                                     const TupleLayout *layout,
                                     const guint8      *data,
                                     gsize              size,
                                     guint              depth_left);

static gboolean
read_tuple (Reader             *reader,
            const GVariantType *type,
            const guint8       *data,
            gsize               size,
            guint               depth_left)
{
  TupleLayout scratch = { NULL };
  const TupleLayout *layout = tuple_layout (reader, type, &scratch);
  gboolean ok = read_laid_out_tuple (reader, layout, data, size, depth_left);

  if (scratch.type != NULL)
    tuple_layout_clear (&scratch);
  return ok;
}

static gboolean
read_laid_out_tuple (Reader            *reader,
                     const TupleLayout *layout,
                     const guint8      *data,
                     gsize              size,
                     guint              depth_left)
{
  gsize osize = 0, body = size, end = 0, k = 0;

  if (layout->info.fixed_size != 0 && size != layout->info.fixed_size)
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  if (layout->info.fixed_size == 0)
    {
      osize = ro_variant_offset_size (size);
      if (layout->n_offsets * osize > size)
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      body = size - layout->n_offsets * osize;
      if (ro_variant_framed_size (body, layout->n_offsets) != size)
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
    }

  for (gsize i = 0; i < layout->n_items; i++)
    {
      const RoVariantLayout *item_info = &layout->item_infos[i];
      gsize start = align_up (end, item_info->align);
      gsize next;

      if (start > body || !is_zero (data + end, start - end))
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      if (item_info->fixed_size != 0)
        next = start + item_info->fixed_size;
      else if (i + 1 == layout->n_items)
        next = body;
      else
        next = ro_variant_read_offset (data + size - osize * ++k, osize);
      if (next < start || next > body)
        return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
      if (!read_value (reader, layout->items[i], data + start, next - start, depth_left))
        return FALSE;
      end = next;
    }

  /* A tuple of fixed size is padded to its alignment with zeros; one of
   * variable size ends with its last item. */
  if (layout->info.fixed_size != 0 ? !is_zero (data + end, size - end) : end != body)
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  return TRUE;
}

/* A variant is its child's data, a zero byte, and the child's type. */
static gboolean
split_variant (Reader        *reader,
               const guint8  *data,
               gsize          size,
               guint          depth_left,
               char         **type_string,
               gsize         *child_size)
{
  gsize nul;

  if (!ro_variant_split (data, size, child_size))
    return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
  nul = *child_size + 1;
  /* A longer type passes the protocol's limits anyway: not worth parsing. */
  if (size - nul > RO_MAX_TYPE_STRING_LENGTH)
    return fail (reader, RO_VARIANT_READ_TOO_DEEP);

  /* Checked once here: G_VARIANT_TYPE () would check it again at each use. */
  *type_string = g_strndup ((const char *) data + nul, size - nul);
  if (!g_variant_type_string_is_valid (*type_string) ||
      !g_variant_type_is_definite ((const GVariantType *) *type_string))
    {
      g_clear_pointer (type_string, g_free);
      return fail (reader, RO_VARIANT_READ_NOT_CANONICAL);
    }
  /* Even where the value is shallower (a Nothing, an empty array), a type
   * deeper than the limit is refused: GLib itself will not take some. A
   * type is never deeper than it is long. */
  if (size - nul > depth_left && ro_variant_type_depth ((const GVariantType *) *type_string) > depth_left)
    {
      g_clear_pointer (type_string, g_free);
      return fail (reader, RO_VARIANT_READ_TOO_DEEP);
    }
  return TRUE;
}

static gboolean
read_value (Reader             *reader,
            const GVariantType *type,
            const guint8       *data,
            gsize               size,
            guint               depth_left)
{
  guint level = reader->top - depth_left;

  if (g_variant_type_is_basic (type))
    {
      reader->deepest = MAX (reader->deepest, level);
      return read_basic (reader, type, data, size);
    }
  /* A container is a level even when empty. */
  reader->deepest = MAX (reader->deepest, level + 1);
  if (depth_left == 0)
    return fail (reader, RO_VARIANT_READ_TOO_DEEP);

  switch (g_variant_type_peek_string (type)[0])
    {
    case 'm':
      return read_maybe (reader, g_variant_type_element (type), data, size, depth_left - 1);
    case 'a':
      return read_array (reader, g_variant_type_element (type), data, size, depth_left - 1);
    case 'v':
      {
        g_autofree char *child_type = NULL;
        gsize child_size;
        gboolean ok;

        if (!split_variant (reader, data, size, depth_left - 1, &child_type, &child_size))
          return FALSE;
        ok = read_value (reader, (const GVariantType *) child_type, data, child_size, depth_left - 1);
        forget_layouts (reader, child_type);
        return ok;
      }
    default:
      return read_tuple (reader, type, data, size, depth_left - 1);
    }
}

/* Only checked data gets here: GLib then trusts it, and walks it in linear
 * time (nested variants are only slow to it when it has to check them). */
static GVariant *
new_trusted (const GVariantType *type,
             const guint8       *data,
             gsize               size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  return ro_variant_new_trusted (type, bytes);
}

gboolean
ro_variant_check (const GVariantType  *type,
                  const guint8        *data,
                  gsize                size,
                  guint                max_depth,
                  RoVariantReadResult *result)
{
  Reader reader = { RO_VARIANT_READ_OK, max_depth, 0 };
  gboolean ok;

  g_return_val_if_fail (g_variant_type_is_definite (type), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  ok = read_value (&reader, type, data, size, max_depth);
  reader_clear (&reader);
  *result = reader.result;
  return ok;
}

GVariant *
ro_variant_read (const GVariantType  *type,
                 const guint8        *data,
                 gsize                size,
                 guint                max_depth,
                 RoVariantReadResult *result)
{
  return ro_variant_check (type, data, size, max_depth, result) ? new_trusted (type, data, size) : NULL;
}

GVariant *
ro_variant_read_boxed (const guint8        *data,
                       gsize                size,
                       guint                max_depth,
                       guint               *deepest,
                       RoVariantReadResult *result)
{
  Reader reader = { RO_VARIANT_READ_OK, max_depth - 1, 0 };
  g_autofree char *type = NULL;
  gsize child_size;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (max_depth == 0)
    reader.result = RO_VARIANT_READ_TOO_DEEP;
  else if (split_variant (&reader, data, size, max_depth - 1, &type, &child_size))
    ok = read_value (&reader, (const GVariantType *) type, data, child_size, max_depth - 1);
  reader_clear (&reader);
  *result = reader.result;
  if (!ok)
    return NULL;
  *deepest = reader.deepest;
  return new_trusted ((const GVariantType *) type, data, child_size);
}
