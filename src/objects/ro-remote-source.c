/* ro-remote-source.c: a node's copy of one source, shared by its replicas
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Every replica of one name in a node reads the same values: they are kept
 * once, here, by property index. Incoming messages are applied in two steps
 * so that a blocking wait can apply values without running user code: the
 * apply step checks the message against the interface and stores values;
 * the emit step, run later from the node's context, tells the replicas.
 */

#include "config.h"

#include "ro-interface-info-private.h"
#include "ro-node-private.h"

RoRemoteSource *
ro_remote_source_new (RoNode     *node,
                      const char *name)
{
  RoRemoteSource *source = g_new0 (RoRemoteSource, 1);

  g_atomic_ref_count_init (&source->ref_count);
  source->node = node;
  source->name = g_strdup (name);
  source->state = RO_REPLICA_STATE_DEFAULT;
  source->replicas = g_ptr_array_new ();
  g_queue_init (&source->queued_calls);
  g_queue_init (&source->waiters);
  g_queue_init (&source->applied);
  return source;
}

RoRemoteSource *
ro_remote_source_ref (RoRemoteSource *source)
{
  g_atomic_ref_count_inc (&source->ref_count);
  return source;
}

static void
clear_values (RoRemoteSource *source)
{
  if (source->values == NULL)
    return;
  for (guint i = 0; i < ro_interface_info_get_n_properties (source->info); i++)
    g_clear_pointer (&source->values[i], g_variant_unref);
  g_clear_pointer (&source->values, g_free);
}

/* A changes message applied and not yet emitted. The body stays
 * referenced: no other can take its address. */
typedef struct
{
  GVariant *body;
  GArray *changes;   /* RoEntry */
} Applied;

static void
applied_free (Applied *applied)
{
  g_variant_unref (applied->body);
  g_array_unref (applied->changes);
  g_free (applied);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Applied, applied_free)

static void
clear_applied (RoRemoteSource *source)
{
  g_queue_clear_full (&source->applied, (GDestroyNotify) applied_free);
}

/* The interfaces of sources acquired lately, by source name, for every
 * node of the process: an acquisition in a hello names the signature, and
 * a host with the same one leaves the description out of the snapshot. */
#define N_KNOWN 8

static struct
{
  GMutex lock;
  char *names[N_KNOWN];
  RoInterfaceInfo *infos[N_KNOWN];
  guint next;
} known;

static RoInterfaceInfo *
lookup_known (const char *name)
{
  RoInterfaceInfo *info = NULL;

  g_mutex_lock (&known.lock);
  for (guint i = 0; i < N_KNOWN && info == NULL; i++)
    if (g_strcmp0 (known.names[i], name) == 0)
      info = ro_interface_info_ref (known.infos[i]);
  g_mutex_unlock (&known.lock);
  return info;
}

static void
remember_known (const char      *name,
                RoInterfaceInfo *info)
{
  guint slot;

  g_mutex_lock (&known.lock);
  for (slot = 0; slot < N_KNOWN; slot++)
    if (g_strcmp0 (known.names[slot], name) == 0)
      break;
  if (slot == N_KNOWN)
    {
      slot = known.next;
      known.next = (known.next + 1) % N_KNOWN;
      g_free (known.names[slot]);
      known.names[slot] = g_strdup (name);
    }
  if (known.infos[slot] != info)
    {
      g_clear_pointer (&known.infos[slot], ro_interface_info_unref);
      known.infos[slot] = ro_interface_info_ref (info);
    }
  g_mutex_unlock (&known.lock);
}

const char *
ro_remote_source_offer_known (RoRemoteSource *source)
{
  g_clear_pointer (&source->offered, ro_interface_info_unref);
  source->offered = source->info != NULL ? ro_interface_info_ref (source->info) : lookup_known (source->name);
  return source->offered != NULL ? ro_interface_info_get_signature (source->offered) : "";
}

void
ro_remote_source_unref (RoRemoteSource *source)
{
  if (!g_atomic_ref_count_dec (&source->ref_count))
    return;

  if (source->node != NULL)
    ro_node_remote_source_gone (source->node, source);

  g_assert (g_queue_is_empty (&source->queued_calls));
  g_assert (g_queue_is_empty (&source->waiters));
  clear_applied (source);
  clear_values (source);
  g_clear_pointer (&source->info, ro_interface_info_unref);
  g_clear_pointer (&source->offered, ro_interface_info_unref);
  g_clear_pointer (&source->peer, ro_peer_unref);
  g_ptr_array_unref (source->replicas);
  g_free (source->name);
  g_free (source);
}

gboolean
ro_remote_source_apply_snapshot (RoRemoteSource  *source,
                                 GVariant        *body,
                                 GError         **error)
{
  g_autoptr(GVariant) info_variant = g_variant_get_child_value (body, 0);
  g_autoptr(GVariant) dict = g_variant_get_child_value (body, 1);
  g_autoptr(RoInterfaceInfo) offered = g_steal_pointer (&source->offered);
  g_autoptr(RoInterfaceInfo) info = NULL;
  g_autofree GVariant **values = NULL;
  g_autoptr(GArray) entries = NULL;
  guint n_props;

  if (!ro_interface_info_is_left_out (info_variant))
    info = ro_interface_info_new_from_variant (info_variant, error);
  else if (offered != NULL)
    info = g_steal_pointer (&offered);
  else
    g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL, "the description is left out, but no signature was named");
  if (info == NULL)
    {
      g_prefix_error (error, "Snapshot of “%s”: ", source->name);
      return FALSE;
    }

  entries = ro_entries_read (dict, error);
  if (entries == NULL)
    {
      g_prefix_error (error, "Snapshot of “%s”: ", source->name);
      return FALSE;
    }

  n_props = ro_interface_info_get_n_properties (info);
  values = g_new0 (GVariant *, MAX (n_props, 1));
  for (guint k = 0; k < entries->len; k++)
    {
      RoEntry *entry = &g_array_index (entries, RoEntry, k);
      int i = ro_interface_info_lookup_property (info, entry->name);

      if (i < 0 || values[i] != NULL ||
          !g_variant_is_of_type (entry->value, ro_interface_info_get_property_type (info, i)))
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Snapshot of “%s” has an unknown, repeated or mistyped value for “%s”",
                       source->name, entry->name);
          for (guint j = 0; j < n_props; j++)
            g_clear_pointer (&values[j], g_variant_unref);
          return FALSE;
        }
      values[i] = g_variant_ref (entry->value);
    }

  for (guint i = 0; i < n_props; i++)
    if (values[i] == NULL)
      {
        g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                     "Snapshot of “%s” lacks a value for “%s”",
                     source->name, ro_interface_info_get_property_name (info, i));
        for (guint j = 0; j < n_props; j++)
          g_clear_pointer (&values[j], g_variant_unref);
        return FALSE;
      }

  clear_applied (source);
  clear_values (source);
  remember_known (source->name, info);
  g_clear_pointer (&source->info, ro_interface_info_unref);
  source->info = g_steal_pointer (&info);
  source->values = g_steal_pointer (&values);
  source->state = RO_REPLICA_STATE_VALID;
  return TRUE;
}

/* All or nothing: a message with one bad entry changes no value. */
gboolean
ro_remote_source_apply_changes (RoRemoteSource  *source,
                                GVariant        *body,
                                GError         **error)
{
  g_autoptr(GArray) changes = NULL;
  g_autofree int *indices = NULL;

  if (source->info == NULL)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Changes to “%s” arrived before its snapshot", source->name);
      return FALSE;
    }

  changes = ro_entries_read (body, error);
  if (changes == NULL)
    {
      g_prefix_error (error, "Changes to “%s”: ", source->name);
      return FALSE;
    }
  indices = g_new (int, changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      RoEntry *change = &g_array_index (changes, RoEntry, i);

      indices[i] = ro_interface_info_lookup_property (source->info, change->name);
      if (indices[i] < 0 ||
          !g_variant_is_of_type (change->value, ro_interface_info_get_property_type (source->info, indices[i])))
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "A change to “%s” has an unknown or mistyped property “%s”",
                       source->name, change->name);
          return FALSE;
        }
    }

  for (guint i = 0; i < changes->len; i++)
    {
      GVariant **slot = &source->values[indices[i]];

      g_variant_unref (*slot);
      *slot = g_variant_ref (g_array_index (changes, RoEntry, i).value);
    }

  {
    Applied *applied = g_new (Applied, 1);

    applied->body = g_variant_ref (body);
    applied->changes = g_steal_pointer (&changes);
    g_queue_push_tail (&source->applied, applied);
  }
  return TRUE;
}

/* Emission follows application in order, so @body's entries are at the
 * head; those before it were never emitted (the peer went away). A body
 * read before reads again. */
static GArray *
take_applied (RoRemoteSource *source,
              GVariant       *body)
{
  while (!g_queue_is_empty (&source->applied))
    {
      g_autoptr(Applied) applied = g_queue_pop_head (&source->applied);

      if (applied->body == body)
        return g_array_ref (applied->changes);
    }
  return ro_entries_read (body, NULL);
}

gboolean
ro_remote_source_check_signal (RoRemoteSource  *source,
                               const char      *name,
                               GVariant        *args,
                               GError         **error)
{
  int i = source->info != NULL ? ro_interface_info_lookup_signal (source->info, name) : -1;

  if (i < 0 || !g_variant_is_of_type (args, ro_interface_info_get_signal_arg_types (source->info, i)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Signal “%s” of “%s” is unknown or has arguments of type “%s”",
                   name, source->name, g_variant_get_type_string (args));
      return FALSE;
    }
  return TRUE;
}

/* Handlers may drop replicas while we walk the list. */
static GPtrArray *
ref_replicas (RoRemoteSource *source)
{
  GPtrArray *copy = g_ptr_array_new_full (source->replicas->len, g_object_unref);

  for (guint i = 0; i < source->replicas->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (source->replicas, i)));
  return copy;
}

void
ro_remote_source_emit_snapshot (RoRemoteSource *source)
{
  g_autoptr(GPtrArray) replicas = ref_replicas (source);

  for (guint i = 0; i < replicas->len; i++)
    {
      RoReplica *replica = g_ptr_array_index (replicas, i);

      /* The state first: a notify handler then finds a replica that says
       * it is valid, and has said so. */
      ro_replica_update_state (replica);
      ro_replica_emit_values (replica, NULL);
    }
}

void
ro_remote_source_emit_changes (RoRemoteSource *source,
                               GVariant       *body)
{
  g_autoptr(GPtrArray) replicas = ref_replicas (source);
  g_autoptr(GArray) changes = take_applied (source, body);

  for (guint i = 0; i < replicas->len; i++)
    ro_replica_emit_values (g_ptr_array_index (replicas, i), changes);
}

void
ro_remote_source_emit_signal (RoRemoteSource *source,
                              const char     *name,
                              GVariant       *args)
{
  g_autoptr(GPtrArray) replicas = ref_replicas (source);

  for (guint i = 0; i < replicas->len; i++)
    ro_replica_emit_signal (g_ptr_array_index (replicas, i), name, args);
}

void
ro_remote_source_emit_state (RoRemoteSource *source)
{
  g_autoptr(GPtrArray) replicas = ref_replicas (source);

  for (guint i = 0; i < replicas->len; i++)
    ro_replica_update_state (g_ptr_array_index (replicas, i));
}
