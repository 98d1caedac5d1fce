/* ro-registry-host.c: a host that knows which host shares which source
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoRegistryHost:
 *
 * A host that nodes reach with [method@Ro.Node.set_registry_url].
 */

#include "config.h"

#include "ro-glib.h"

struct _RoRegistryHost
{
  RoHost parent_instance;
};

G_DEFINE_FINAL_TYPE (RoRegistryHost, ro_registry_host, RO_TYPE_HOST)

static void
ro_registry_host_class_init (RoRegistryHostClass *klass)
{
}

static void
ro_registry_host_init (RoRegistryHost *self)
{
}

/**
 * ro_registry_host_new:
 * @url: the URL to listen on
 * @error: return location for a #GError
 *
 * Creates a registry listening at @url.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL on error
 */
RoRegistryHost *
ro_registry_host_new (const char  *url,
                      GError     **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (RO_TYPE_REGISTRY_HOST, NULL, error, "url", url, NULL);
}
