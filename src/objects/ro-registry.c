/* ro-registry.c: the source a registry shares as "Registry"
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The registry is an ordinary source served by the library itself:
 *
 *   property sources        a(sss), READONLY: (name, host URL, signature),
 *                           sorted by name
 *   method add-source       (name, url, signature) -> (); refused when
 *                           another host has the name
 *   method remove-source    (name) -> ()
 *
 * Hosts call the methods through a replica; nodes follow the property. An
 * entry belongs to the connection that added it and goes with it.
 */

#include "config.h"

#include <string.h>

#include "ro-invocation-private.h"
#include "ro-registry.h"

typedef struct
{
  char *url;
  char *signature;
  gconstpointer owner;
} Entry;

struct _RoRegistry
{
  GObject parent_instance;

  GHashTable *entries;   /* name -> Entry */
};

G_DEFINE_FINAL_TYPE (RoRegistry, ro_registry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (Entry *entry)
{
  g_free (entry->url);
  g_free (entry->signature);
  g_free (entry);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GVariant *
list_sources (RoRegistry *self)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (self->entries, NULL);
  GVariantBuilder b;

  g_qsort_with_data (names, g_hash_table_size (self->entries), sizeof (char *), compare_names, NULL);
  g_variant_builder_init (&b, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      Entry *entry = g_hash_table_lookup (self->entries, names[i]);

      g_variant_builder_add (&b, "(sss)", names[i], entry->url, entry->signature);
    }
  return g_variant_builder_end (&b);
}

static void
ro_registry_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_variant (value, list_sources (RO_REGISTRY (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

gboolean
ro_registry_add (RoRegistry    *self,
                 gconstpointer  owner,
                 const char    *name,
                 const char    *url,
                 const char    *signature,
                 GError       **error)
{
  Entry *entry = g_hash_table_lookup (self->entries, name);

  if (entry != NULL && entry->owner != owner)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_FAILED,
                   "“%s” is already registered by %s; %s is refused",
                   name, entry->url, url);
      return FALSE;
    }

  entry = g_new0 (Entry, 1);
  entry->url = g_strdup (url);
  entry->signature = g_strdup (signature);
  entry->owner = owner;
  g_hash_table_replace (self->entries, g_strdup (name), entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
  return TRUE;
}

void
ro_registry_remove (RoRegistry    *self,
                    gconstpointer  owner,
                    const char    *name)
{
  Entry *entry = g_hash_table_lookup (self->entries, name);

  if (entry != NULL && entry->owner == owner)
    {
      g_hash_table_remove (self->entries, name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
    }
}

void
ro_registry_remove_owner (RoRegistry    *self,
                          gconstpointer  owner)
{
  GHashTableIter iter;
  gpointer value;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Entry *) value)->owner == owner)
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES]);
}

static void
add_source (RoRegistry   *self,
            RoInvocation *invocation,
            const char   *name,
            const char   *url,
            const char   *signature)
{
  g_autoptr(GError) error = NULL;

  if (name == NULL || url == NULL || signature == NULL)
    {
      ro_invocation_return_error_literal (invocation, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                                          "A registration needs a name, a URL and a signature");
      return;
    }
  if (!ro_registry_add (self, ro_invocation_get_caller (invocation), name, url, signature, &error))
    {
      g_message ("Registry: %s", error->message);
      ro_invocation_return_gerror (invocation, error);
      return;
    }
  ro_invocation_return_value (invocation, NULL);
}

static void
remove_source (RoRegistry   *self,
               RoInvocation *invocation,
               const char   *name)
{
  if (name != NULL)
    ro_registry_remove (self, ro_invocation_get_caller (invocation), name);
  ro_invocation_return_value (invocation, NULL);
}

static void
ro_registry_finalize (GObject *object)
{
  g_hash_table_unref (RO_REGISTRY (object)->entries);

  G_OBJECT_CLASS (ro_registry_parent_class)->finalize (object);
}

static void
ro_registry_class_init (RoRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ro_registry_get_property;
  object_class->finalize = ro_registry_finalize;

  properties[PROP_SOURCES] =
    g_param_spec_variant ("sources", NULL, NULL, G_VARIANT_TYPE ("a(sss)"), NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_signal_new_class_handler ("add-source", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (add_source), NULL, NULL, NULL,
                              G_TYPE_NONE, 4, RO_TYPE_INVOCATION, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new_class_handler ("remove-source", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (remove_source), NULL, NULL, NULL,
                              G_TYPE_NONE, 2, RO_TYPE_INVOCATION, G_TYPE_STRING);
}

static void
ro_registry_init (RoRegistry *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
}

RoRegistry *
ro_registry_new (void)
{
  return g_object_new (RO_TYPE_REGISTRY, NULL);
}
