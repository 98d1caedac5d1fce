/* ro-registry-client.c: a node's use of a registry
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A node with a registry URL connects to the registry and follows its
 * "Registry" source (see ro-registry.c). As a node, it connects to the host
 * the registry lists for each source it wants, and tells of sources coming
 * and going; as a host, it registers each source it shares, again whenever
 * the registry's snapshot arrives (after a restart of the registry too).
 *
 * The client holds the node's record of the source rather than a replica:
 * a replica would keep the node alive, and the node owns the client.
 */

#include "config.h"

#include "ro-registry.h"
#include "ro-registry-client.h"

struct _RoRegistryClient
{
  RoNode *node;               /* weak: owns us */
  char *url;
  RoRemoteSource *source;
  GHashTable *known;          /* name -> host URL, as last listed */
};

RoRegistryClient *
ro_registry_client_new (RoNode      *node,
                        const char  *url,
                        GError     **error)
{
  RoRegistryClient *self;

  if (!ro_node_connect_to_node (node, url, error))
    return NULL;

  self = g_new0 (RoRegistryClient, 1);
  self->node = node;
  self->url = g_strdup (url);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->source = ro_node_ref_remote_source (node, RO_REGISTRY_SOURCE_NAME);
  return self;
}

void
ro_registry_client_free (RoRegistryClient *self)
{
  ro_remote_source_unref (self->source);
  g_hash_table_unref (self->known);
  g_free (self->url);
  g_free (self);
}

gboolean
ro_registry_client_is_for (RoRegistryClient *self,
                           RoRemoteSource   *source)
{
  return source == self->source;
}

/* The registry's list, or NULL before its snapshot. */
static GVariant *
get_list (RoRegistryClient *self)
{
  int i;
  g_autoptr(GVariant) maybe = NULL;
  g_autoptr(GVariant) boxed = NULL;
  GVariant *list;

  if (self->source->info == NULL ||
      (i = ro_interface_info_lookup_property (self->source->info, "sources")) < 0 ||
      !g_variant_is_of_type (self->source->values[i], G_VARIANT_TYPE ("mv")))
    return NULL;

  maybe = g_variant_get_maybe (self->source->values[i]);
  boxed = maybe != NULL ? g_variant_get_variant (maybe) : NULL;
  if (boxed == NULL || !g_variant_is_of_type (boxed, G_VARIANT_TYPE ("a(sss)")))
    return NULL;
  list = g_variant_ref (boxed);
  return list;
}

static void
registered_cb (RoCall       *call,
               GVariant     *result,
               const GError *error)
{
  if (error != NULL)
    g_warning ("The registry refused a source: %s", error->message);
}

static void
call_registry (RoRegistryClient *self,
               const char       *method,
               GVariant         *args)
{
  RoMessage *message = ro_message_new (RO_MESSAGE_INVOKE);
  RoCall *call;

  message->name = g_strdup (RO_REGISTRY_SOURCE_NAME);
  message->member = g_strdup (method);
  message->body = g_variant_ref_sink (args);
  call = ro_call_new (message, ro_node_get_context (self->node), NULL, registered_cb, NULL, NULL);
  ro_node_dispatch_call (self->node, self->source, call);
}

void
ro_registry_client_source_enabled (RoRegistryClient *self,
                                   const char       *name,
                                   const char       *signature)
{
  const char *url = ro_host_get_url (RO_HOST (self->node));

  /* A host without an address of its own cannot be reached through it. */
  if (url == NULL || self->source->state != RO_REPLICA_STATE_VALID)
    return;
  call_registry (self, "add-source", g_variant_new ("(msmsms)", name, url, signature));
}

void
ro_registry_client_source_disabled (RoRegistryClient *self,
                                    const char       *name)
{
  if (self->source->state == RO_REPLICA_STATE_VALID)
    call_registry (self, "remove-source", g_variant_new ("(ms)", name));
}

/* Reads the registry's list as it is now, so that it works inside a
 * blocking wait too, where the list is applied before it is told. */
void
ro_registry_client_resolve (RoRegistryClient *self,
                            const char       *name)
{
  g_autoptr(GVariant) list = get_list (self);
  g_autoptr(GError) error = NULL;
  GVariantIter entries;
  const char *entry, *url;

  if (list == NULL)
    return;

  g_variant_iter_init (&entries, list);
  while (g_variant_iter_next (&entries, "(&s&s&s)", &entry, &url, NULL))
    if (g_str_equal (entry, name) && !ro_node_connect_to_node (self->node, url, &error))
      g_warning ("The registry lists “%s” at an unusable URL: %s", name, error->message);
}

void
ro_registry_client_update (RoRegistryClient *self)
{
  g_autoptr(GVariant) list = get_list (self);
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;
  GVariantIter entries;
  const char *name, *url;

  if (list == NULL)
    return;

  g_variant_iter_init (&entries, list);
  while (g_variant_iter_next (&entries, "(&s&s&s)", &name, &url, NULL))
    g_hash_table_replace (now, g_strdup (name), g_strdup (url));

  /* Tell the differences, then keep the new list. */
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (now, key), value) != 0)
      ro_node_emit_remote_object (self->node, FALSE, key, value);
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (self->known, key), value) != 0)
      ro_node_emit_remote_object (self->node, TRUE, key, value);

  g_hash_table_remove_all (self->known);
  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->known, g_strdup (key), g_strdup (value));

  ro_node_resolve_sources (self->node);
}

/* On every snapshot: the registry may have restarted empty. */
void
ro_registry_client_register_all (RoRegistryClient *self)
{
  g_autoptr(GVariant) sources = NULL;
  GVariantIter iter;
  const char *name, *signature;

  if (!RO_IS_HOST (self->node))
    return;

  sources = ro_host_describe_sources (RO_HOST (self->node));
  g_variant_iter_init (&iter, sources);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, NULL, &signature))
    ro_registry_client_source_enabled (self, name, signature);
}
