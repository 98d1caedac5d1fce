/* ro-registry-host.c: a host that knows which host shares which source
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoRegistryHost:
 *
 * A host that knows which host shares which source, so that nodes can
 * acquire a source by its name alone.
 *
 * ```c
 * g_autoptr(RoRegistryHost) registry = ro_registry_host_new ("local:registry", &error);
 *
 * // in a daemon:
 * ro_node_set_registry_url (RO_NODE (host), "local:registry", &error);
 * ro_host_enable_remoting (host, G_OBJECT (printer), "Printer", &error);
 *
 * // in a client: no host URL needed
 * ro_node_set_registry_url (node, "local:registry", &error);
 * ro_node_acquire_async (node, "Printer", NULL, acquired_cb, NULL);
 * ```
 *
 * The registry is itself a source, shared by the registry host under the
 * name `Registry`, with a property `sources` (a GVariant `a(sss)` of
 * name, host URL and interface signature) and methods `add-source` and
 * `remove-source`. Hosts register through it; nodes follow `sources`. A
 * source belongs to the connection that registered it: when its host goes
 * away, it is removed. A second host registering a name already
 * registered by another is refused, and the first keeps it.
 *
 * When the registry restarts, hosts register again and nodes look their
 * sources up again by themselves.
 */

#include "config.h"

#include "ro-node-private.h"
#include "ro-registry.h"

struct _RoRegistryHost
{
  RoHost parent_instance;

  RoRegistry *registry;
};

G_DEFINE_FINAL_TYPE (RoRegistryHost, ro_registry_host, RO_TYPE_HOST)

static void
ro_registry_host_constructed (GObject *object)
{
  RoRegistryHost *self = RO_REGISTRY_HOST (object);

  G_OBJECT_CLASS (ro_registry_host_parent_class)->constructed (object);

  self->registry = ro_registry_new ();
}

static void
ro_registry_host_dispose (GObject *object)
{
  RoRegistryHost *self = RO_REGISTRY_HOST (object);

  G_OBJECT_CLASS (ro_registry_host_parent_class)->dispose (object);

  g_clear_object (&self->registry);
}

static void
ro_registry_host_class_init (RoRegistryHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ro_registry_host_constructed;
  object_class->dispose = ro_registry_host_dispose;
}

static void
ro_registry_host_init (RoRegistryHost *self)
{
}

/* The registry host's own sources are registered directly, owned by it. */
void
ro_registry_host_source_changed (RoRegistryHost *self,
                                 const char     *name,
                                 const char     *signature)
{
  g_autoptr(GError) error = NULL;
  const char *url = ro_host_get_url (RO_HOST (self));

  if (self->registry == NULL || g_str_equal (name, RO_REGISTRY_SOURCE_NAME))
    return;
  if (signature == NULL)
    ro_registry_remove (self->registry, self, name);
  else if (url != NULL && !ro_registry_add (self->registry, self, name, url, signature, &error))
    g_warning ("%s", error->message);
}

void
ro_registry_host_peer_closed (RoRegistryHost *self,
                              RoPeer         *peer)
{
  if (self->registry != NULL)
    ro_registry_remove_owner (self->registry, peer);
}

/**
 * ro_registry_host_new:
 * @url: the URL to listen on
 * @error: return location for a #GError
 *
 * Creates a registry listening at @url at once.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with
 *   %RO_ERROR_INVALID_URL or %RO_ERROR_ADDRESS_IN_USE
 */
RoRegistryHost *
ro_registry_host_new (const char  *url,
                      GError     **error)
{
  g_autoptr(RoRegistryHost) self = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_initable_new (RO_TYPE_REGISTRY_HOST, NULL, error, "url", url, NULL);
  if (self == NULL)
    return NULL;
  if (!ro_host_enable_remoting (RO_HOST (self), G_OBJECT (self->registry), RO_REGISTRY_SOURCE_NAME, error))
    return NULL;
  return g_steal_pointer (&self);
}
