/* ro-gvariant-codec.c: messages as serialized GVariants
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The binary codec, chosen in the hello when both ends have it. A payload
 * is one GVariant of type (yumsmsmv) in GVariant's serialization format,
 * little-endian:
 *
 *   y   message type (the RoMessageType number)
 *   u   serial (0 when absent)
 *   ms  source name
 *   ms  member name
 *   mv  body
 *
 * Encoding is one g_variant_store() into the frame; decoding takes the
 * payload as it is, refuses anything not in normal form or nested deeper
 * than the protocol allows, validates the message like the JSON codec does,
 * and accepts it only if it is the message's one canonical encoding.
 */

#include "config.h"

#include <string.h>

#include "ro-codec.h"

#define PAYLOAD_TYPE   "(yumsmsmv)"
#define PAYLOAD_OFFSET 8

static GVariant *
maybe_string (const char *s)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_STRING, s != NULL ? g_variant_new_string (s) : NULL);
}

static GBytes *
gvariant_encode (const RoMessage *message)
{
  g_autoptr(GVariant) payload = NULL;
  guint8 *frame;
  gsize size;
  guint32 length;

  payload = g_variant_ref_sink (g_variant_new ("(yu@ms@ms@mv)", (guint8) message->type, message->serial,
                                               maybe_string (message->name),
                                               maybe_string (message->member),
                                               g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                                                    message->body != NULL ? g_variant_new_variant (message->body) : NULL)));
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (payload);

      g_variant_unref (payload);
      payload = swapped;
    }

  /* GVariant serializes only to aligned memory: the payload goes at 8,
   * the header just before it, and the frame starts at 4. */
  size = g_variant_get_size (payload);
  frame = g_malloc (PAYLOAD_OFFSET + size);
  length = GUINT32_TO_BE ((guint32) size);
  memcpy (frame + PAYLOAD_OFFSET - RO_FRAME_HEADER_SIZE, &length, RO_FRAME_HEADER_SIZE);
  g_variant_store (payload, frame + PAYLOAD_OFFSET);
  return g_bytes_new_with_free_func (frame + PAYLOAD_OFFSET - RO_FRAME_HEADER_SIZE,
                                     RO_FRAME_HEADER_SIZE + size, g_free, frame);
}

/* GLib 2.74 checks a serialized variant's whole subtree again at each
 * level it is asked for a child, which makes a chain of nested variants
 * exponential to walk (CVE-2023-32665). The body is therefore rebuilt as
 * an in-memory tree, splitting each variant's bytes here (its child's data,
 * a NUL, the child's type string) instead of asking GLib, so that neither
 * this check nor any later use of the value can be made slow. NULL when it
 * nests deeper than @depth_left. */
static GVariant *
tree_copy (GVariant *value,
           guint     depth_left)
{
  g_autoptr(GPtrArray) children = NULL;
  gsize n;

  if (!g_variant_is_container (value))
    return g_variant_ref (value);
  if (depth_left == 0)
    return NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      const char *data = g_variant_get_data (value);
      gsize size = g_variant_get_size (value);
      gsize nul = size;
      g_autoptr(GVariant) child = NULL;
      GVariant *copy, *boxed;

      /* Normal form, checked by the caller: the type string follows the
       * last NUL and is valid. */
      while (nul > 0 && data[nul - 1] != '\0')
        nul--;
      g_assert (nul > 0);
      {
        g_autofree char *type = g_strndup (data + nul, size - nul);

        child = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (type), data, nul - 1, TRUE,
                                                             (GDestroyNotify) g_variant_unref,
                                                             g_variant_ref (value)));
      }
      copy = tree_copy (child, depth_left - 1);
      if (copy == NULL)
        return NULL;
      /* The new variant takes a reference of its own. */
      boxed = g_variant_ref_sink (g_variant_new_variant (copy));
      g_variant_unref (copy);
      return boxed;
    }

  n = g_variant_n_children (value);
  children = g_ptr_array_new_full (n, (GDestroyNotify) g_variant_unref);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      GVariant *copy = tree_copy (child, depth_left - 1);

      if (copy == NULL)
        return NULL;
      g_ptr_array_add (children, copy);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    return g_variant_ref_sink (g_variant_new_maybe (g_variant_type_element (g_variant_get_type (value)),
                                                    n > 0 ? g_ptr_array_index (children, 0) : NULL));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    return g_variant_ref_sink (g_variant_new_array (g_variant_type_element (g_variant_get_type (value)),
                                                    (GVariant **) children->pdata, n));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DICT_ENTRY))
    return g_variant_ref_sink (g_variant_new_dict_entry (g_ptr_array_index (children, 0),
                                                         g_ptr_array_index (children, 1)));
  return g_variant_ref_sink (g_variant_new_tuple ((GVariant **) children->pdata, n));
}

static RoMessage *
gvariant_decode (const guint8  *data,
                 gsize          length,
                 GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GVariant) payload = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (PAYLOAD_TYPE), bytes, FALSE));
  g_autoptr(RoMessage) message = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) body = NULL;
  guint8 type;
  guint32 serial;
  const char *name, *member;

  if (!g_variant_is_normal_form (payload))
    {
      g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL,
                           "A binary message is not a GVariant of type " PAYLOAD_TYPE " in normal form");
      return NULL;
    }
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (payload);

      g_variant_unref (payload);
      payload = swapped;
    }

  /* The body stays boxed (the @mv item): its inside is walked by
   * tree_copy() alone. */
  g_variant_get (payload, "(yum&sm&s@mv)", &type, &serial, &name, &member, &boxed);
  if (type >= RO_MESSAGE_N_TYPES)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL, "Unknown binary message type %u", type);
      return NULL;
    }
  if (g_variant_n_children (boxed) > 0)
    {
      g_autoptr(GVariant) just = g_variant_get_child_value (boxed, 0);
      g_autoptr(GVariant) tree = tree_copy (just, RO_MAX_NESTING_DEPTH + 1);

      if (tree == NULL)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "A binary message nests deeper than %d levels", RO_MAX_NESTING_DEPTH);
          return NULL;
        }
      body = g_variant_get_variant (tree);
    }

  message = ro_message_new (type);
  message->serial = serial;
  message->name = g_strdup (name);
  message->member = g_strdup (member);
  message->body = g_steal_pointer (&body);
  if (!ro_message_validate (message, error))
    return NULL;

  /* GLib 2.74 takes some non-canonical data for normal form (a tuple of
   * empty maybes without its offsets, for one): only the one encoding of
   * a message is accepted. */
  {
    g_autoptr(GBytes) again = gvariant_encode (message);
    gsize size;
    const guint8 *canonical = g_bytes_get_data (again, &size);

    if (size - RO_FRAME_HEADER_SIZE != length ||
        memcmp (canonical + RO_FRAME_HEADER_SIZE, data, length) != 0)
      {
        g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL,
                             "A binary message is not in its canonical encoding");
        return NULL;
      }
  }

  return g_steal_pointer (&message);
}

/**
 * ro_codec_gvariant:
 *
 * Gets the binary codec, named `gvariant` in hellos.
 *
 * Returns: (transfer none): the codec
 */
const RoCodec *
ro_codec_gvariant (void)
{
  static const RoCodec codec = { "gvariant", gvariant_encode, gvariant_decode };

  return &codec;
}
