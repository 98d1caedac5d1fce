/* ro-entries.h: arrays of (name, value) entries, in serialized form
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A changes body (a(sv)) and a snapshot's values (a{sv}) are serialized
 * alike; these write and read them without a GVariant per item. */

typedef struct
{
  GByteArray *out;
  GArray *ends;        /* gsize: where each entry ends */
} RoEntriesWriter;

void      ro_entries_writer_init  (RoEntriesWriter     *writer);
/* Appends the entry (@name, @value); on error nothing is appended. */
gboolean  ro_entries_writer_add   (RoEntriesWriter     *writer,
                                   const char          *name,
                                   const GValue        *value,
                                   GError             **error);
guint     ro_entries_writer_get_n (RoEntriesWriter     *writer);
/* The entries so far as a non-floating value of @type (a(sv) or a{sv});
 * the writer is empty again. */
GVariant *ro_entries_writer_end   (RoEntriesWriter     *writer,
                                   const GVariantType  *type);
void      ro_entries_writer_clear (RoEntriesWriter     *writer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoEntriesWriter, ro_entries_writer_clear)

typedef struct
{
  const char *name;    /* points into the array read */
  GVariant *value;
} RoEntry;

/* The entries of @array (a(sv) or a{sv}, in normal form), in order:
 * RoEntry, valid while @array lives. NULL with RO_ERROR_PROTOCOL when the
 * data does not frame its entries. */
GArray   *ro_entries_read         (GVariant            *array,
                                   GError             **error);

G_END_DECLS
