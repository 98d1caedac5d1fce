/* ro-registry-host.h: a host that knows which host shares which source
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <ro-glib/ro-host.h>

G_BEGIN_DECLS

#define RO_TYPE_REGISTRY_HOST (ro_registry_host_get_type ())

RO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (RoRegistryHost, ro_registry_host, RO, REGISTRY_HOST, RoHost)

RO_AVAILABLE_IN_ALL
RoRegistryHost *ro_registry_host_new (const char  *url,
                                      GError     **error);

G_END_DECLS
