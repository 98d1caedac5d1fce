/* ro-registry.h: the source a registry shares as "Registry"
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"

G_BEGIN_DECLS

/* The name the registry's own source is shared under. */
#define RO_REGISTRY_SOURCE_NAME "Registry"

#define RO_TYPE_REGISTRY (ro_registry_get_type ())
G_DECLARE_FINAL_TYPE (RoRegistry, ro_registry, RO, REGISTRY, GObject)

RoRegistry *ro_registry_new          (void);
/* Entries the registry host itself shares, with no connection behind. */
gboolean    ro_registry_add          (RoRegistry    *self,
                                      gconstpointer  owner,
                                      const char    *name,
                                      const char    *url,
                                      const char    *signature,
                                      GError       **error);
void        ro_registry_remove       (RoRegistry    *self,
                                      gconstpointer  owner,
                                      const char    *name);
/* Drops every entry of @owner: its host went away. */
void        ro_registry_remove_owner (RoRegistry    *self,
                                      gconstpointer  owner);

G_END_DECLS
