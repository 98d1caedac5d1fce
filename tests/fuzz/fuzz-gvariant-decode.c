/* fuzz-gvariant-decode.c: the binary (GVariant) codec's decoder on any payload
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is one frame's payload (without the 4-byte header), checked as
 * ro_fuzz_decode() says. The codec takes only normal-form GVariants, so a
 * payload it accepts must be exactly what it encodes the message to.
 *
 * The input is also read by ro_variant_read() and, as a reference, by
 * GLib: GLib's normal-form check, then the value rebuilt in memory and
 * serialized again. Both must agree on which bytes are canonical, and on
 * the value.
 *
 * The codec is looked up by name, so that this file builds (and does
 * nothing) in a tree that does not have it.
 */

#include <string.h>

#include "fuzz.h"

#include "ro-variant-reader.h"

/* Past these the reference is too slow in GLib 2.74 (nested variants):
 * only ro_variant_read() is tried. */
#define REFERENCE_MAX_SIZE  4096
#define REFERENCE_MAX_DEPTH 24

static GVariant *
rebuild (GVariant *value,
         guint     depth_left)
{
  g_autoptr(GPtrArray) children = NULL;
  gsize n;

  if (!g_variant_is_container (value))
    return g_variant_new_from_data (g_variant_get_type (value), g_variant_get_data (value),
                                    g_variant_get_size (value), TRUE,
                                    (GDestroyNotify) g_variant_unref, g_variant_ref (value));
  if (depth_left == 0)
    return NULL;

  n = g_variant_n_children (value);
  children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      GVariant *copy = rebuild (child, depth_left - 1);

      if (copy == NULL)
        return NULL;
      g_ptr_array_add (children, g_variant_ref_sink (copy));
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    return g_variant_new_variant (g_ptr_array_index (children, 0));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    return g_variant_new_maybe (g_variant_type_element (g_variant_get_type (value)),
                                n > 0 ? g_ptr_array_index (children, 0) : NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    return g_variant_new_array (g_variant_type_element (g_variant_get_type (value)),
                                (GVariant **) children->pdata, n);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DICT_ENTRY))
    return g_variant_new_dict_entry (g_ptr_array_index (children, 0), g_ptr_array_index (children, 1));
  return g_variant_new_tuple ((GVariant **) children->pdata, n);
}

static void
compare_with_glib (const guint8 *data,
                   gsize         size)
{
  const GVariantType *type = G_VARIANT_TYPE ("(yumsmsmv)");
  g_autoptr(GVariant) ours = NULL;
  g_autoptr(GVariant) theirs = NULL;
  g_autoptr(GVariant) tree = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RoVariantReadResult result;
  gboolean canonical = FALSE;

  ours = ro_variant_read (type, data, size, REFERENCE_MAX_DEPTH, &result);
  g_assert_true ((ours != NULL) == (result == RO_VARIANT_READ_OK));
  if (size > REFERENCE_MAX_SIZE || result == RO_VARIANT_READ_TOO_DEEP)
    return;

  /* GLib 2.74's normal-form check reads a byte past the end of some short
   * payloads (a single byte, for one): give it slack to read. */
  {
    guint8 *copy = g_malloc0 (size + 8);

    memcpy (copy, data, size);
    bytes = g_bytes_new_with_free_func (copy, size, g_free, copy);
  }
  theirs = g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, FALSE));
  if (g_variant_is_normal_form (theirs))
    {
      tree = rebuild (theirs, REFERENCE_MAX_DEPTH);
      g_assert_nonnull (tree);
      g_variant_ref_sink (tree);
      canonical = g_variant_get_size (tree) == size &&
                  memcmp (g_variant_get_data (tree), data, size) == 0;
    }

  g_assert_cmpint (ours != NULL, ==, canonical);
  if (ours == NULL)
    return;
  g_assert_true (g_variant_equal (ours, tree));

  /* The codec reads the envelope by hand: it must take every canonical
   * payload that makes a valid message. */
  {
    g_autoptr(RoMessage) expected = NULL;
    g_autoptr(RoMessage) decoded = NULL;
    g_autoptr(GVariant) boxed = NULL;
    guint8 message_type;
    const char *name, *member;

    g_variant_get (ours, "(yum&sm&s@mv)", &message_type, NULL, &name, &member, &boxed);
    if (message_type >= RO_MESSAGE_N_TYPES)
      return;
    expected = ro_message_new (message_type);
    g_variant_get_child (ours, 1, "u", &expected->serial);
    expected->name = g_strdup (name);
    expected->member = g_strdup (member);
    if (g_variant_n_children (boxed) > 0)
      {
        g_autoptr(GVariant) just = g_variant_get_maybe (boxed);

        expected->body = g_variant_get_variant (just);
      }
    if (ro_message_validate (expected, NULL))
      {
        decoded = ro_codec_lookup ("gvariant")->decode (data, size, NULL);
        g_assert_nonnull (decoded);
      }
  }
}

void
ro_fuzz_gvariant_decode (const guint8 *data,
                         gsize         size)
{
  const RoCodec *codec = ro_codec_lookup ("gvariant");

  if (codec != NULL)
    ro_fuzz_decode (codec, data, size, TRUE);
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    compare_with_glib (data, size);
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_gvariant_decode (data, size);
  return 0;
}
#endif
