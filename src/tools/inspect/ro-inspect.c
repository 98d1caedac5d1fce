/* ro-inspect.c: list, show, watch, call and set on remote sources
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What gdbus and busctl are to D-Bus: a shell's view of the sources that
 * libro-glib hosts share. See docs/ro-inspect.md.
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <ro-glib/ro-glib.h>

#define DEFAULT_TIMEOUT_MS 5000

/* A registry shares this source; its `sources` property lists
 * (name, host URL, interface signature) for every source it knows. */
#define REGISTRY_NAME       "Registry"
#define REGISTRY_PROPERTY   "sources"
#define REGISTRY_TYPE       "a(sss)"

enum {
  INSPECT_EXIT_OK = 0,
  INSPECT_EXIT_FAILED = 1,  /* the operation failed: remote error, refused push */
  INSPECT_EXIT_USAGE = 2,   /* bad usage or URL, or nothing answered in time */
};

typedef struct
{
  char *name;
  char *url;
  char *signature;  /* only known from a registry */
} Entry;

typedef struct
{
  /* Options */
  int timeout_ms;
  gboolean json;
  int count;

  /* Arguments */
  const char *url;
  const char *name;

  RoNode *node;
  GPtrArray *entries;       /* Entry: sources the node heard of */
  gint64 deadline;          /* monotonic µs, or -1 for none */
  RoReplica *replica;
  gboolean initialized;

  /* watch */
  GMainLoop *loop;
  GHashTable *last_values;  /* property name -> GVariant */
  RoReplicaState state;
  int n_printed;

  /* set */
  const char *property;
  GVariant *pushed_value;
  char *refusal;
} Inspect;

typedef int (*CommandFunc) (Inspect  *self,
                            int       argc,
                            char    **argv);

typedef enum {
  COMMAND_JSON = 1 << 0,
  COMMAND_COUNT = 1 << 1,
  COMMAND_FREE_ARGS = 1 << 2,  /* values such as -3 are arguments, not options */
} CommandFlags;

typedef struct
{
  const char *name;
  const char *params;
  const char *brief;
  const char *summary;
  const char *description;
  CommandFlags flags;
  int min_args;
  int max_args;  /* -1: no limit */
  CommandFunc func;
} Command;

static const char * const mode_names[] = {
  "READONLY", "READPUSH", "READWRITE", "CONSTANT",
};

static const char * const state_names[] = {
  "UNINITIALIZED", "DEFAULT", "VALID", "SUSPECT", "SIGNATURE_MISMATCH",
};

static const char *
mode_name (RoPropertyMode mode)
{
  return (guint) mode < G_N_ELEMENTS (mode_names) ? mode_names[mode] : "UNKNOWN";
}

static const char *
state_name (RoReplicaState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : "UNKNOWN";
}

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_free (entry->url);
  g_free (entry->signature);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;
  int cmp = g_strcmp0 (x->name, y->name);

  return cmp != 0 ? cmp : g_strcmp0 (x->url, y->url);
}

static Entry *
find_entry (GPtrArray  *entries,
            const char *name,
            const char *url)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name) && (url == NULL || g_str_equal (entry->url, url)))
        return entry;
    }
  return NULL;
}

static void
add_entry (GPtrArray  *entries,
           const char *name,
           const char *url,
           const char *signature)
{
  Entry *entry = find_entry (entries, name, url);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->name = g_strdup (name);
      entry->url = g_strdup (url);
      g_ptr_array_add (entries, entry);
    }
  if (signature != NULL && entry->signature == NULL)
    entry->signature = g_strdup (signature);
}

/* Data goes to stdout as UTF-8 whatever the locale, one flushed line at a
 * time, so that a pipe sees each watch line as it happens. */
static void
print_line (const char *line)
{
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
print_json (JsonNode *root,
            gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  print_line (text);
}

/* ISO 8601 in UTC with milliseconds: 2026-11-24T16:03:12.345Z */
static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

/* Time left before the deadline, as the library's timeouts take it. */
static int
remaining_ms (Inspect *self)
{
  gint64 left;

  if (self->deadline < 0)
    return -1;
  left = (self->deadline - g_get_monotonic_time ()) / 1000;
  return (int) CLAMP (left, 0, G_MAXINT);
}

static void
start_deadline (Inspect *self)
{
  self->deadline = self->timeout_ms < 0 ? -1 : g_get_monotonic_time () + (gint64) self->timeout_ms * 1000;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context, so that the node's signals are emitted, until
 * @done says so or the deadline passes. */
static gboolean
inspect_wait (Inspect  *self,
              gboolean (*done) (Inspect *self))
{
  g_autoptr(GSource) timeout = NULL;
  gboolean timed_out = FALSE;

  if (self->deadline >= 0)
    {
      timeout = g_timeout_source_new ((guint) remaining_ms (self));
      g_source_set_callback (timeout, flag_cb, &timed_out, NULL);
      g_source_attach (timeout, NULL);
    }
  while (!done (self) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timeout != NULL)
    g_source_destroy (timeout);
  return done (self);
}

static void
source_added_cb (RoNode     *node,
                 const char *name,
                 const char *url,
                 Inspect    *self)
{
  add_entry (self->entries, name, url, NULL);
}

static gboolean
knows_sources (Inspect *self)
{
  return self->entries->len > 0;
}

/* Connects to the URL and waits for the host's list of sources, which the
 * node learns right after the handshake. A host that shares nothing sends
 * an empty list, which the node does not report: it looks like no answer. */
static int
inspect_connect (Inspect *self)
{
  g_autoptr(GError) error = NULL;

  start_deadline (self);
  self->node = ro_node_new ();
  g_signal_connect (self->node, "remote-object-added", G_CALLBACK (source_added_cb), self);
  if (!ro_node_connect_to_node (self->node, self->url, &error))
    {
      /* The library's message names the URL. */
      g_printerr ("ro-inspect: %s\n", error->message);
      return INSPECT_EXIT_USAGE;
    }

  if (!inspect_wait (self, knows_sources))
    {
      g_printerr ("ro-inspect: nothing answered at %s within %d ms (or it shares no source)\n",
                  self->url, self->timeout_ms);
      return INSPECT_EXIT_USAGE;
    }
  return INSPECT_EXIT_OK;
}

/* A GVariant-valued GObject property travels as `mv`: looks through maybe
 * and variant boxes for the value inside (NULL for nothing). */
static GVariant *
unbox (GVariant *value)
{
  while (value != NULL &&
         (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE) ||
          g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT)))
    {
      GVariant *inner = g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT)
                        ? g_variant_get_variant (value)
                        : g_variant_get_maybe (value);

      g_variant_unref (value);
      value = inner;
    }
  return value;
}

/* Adds the registry's entries to @entries. */
static gboolean
read_registry (Inspect    *self,
               GPtrArray  *entries,
               GError    **error)
{
  g_autoptr(RoReplica) registry = ro_node_acquire_dynamic (self->node, REGISTRY_NAME);
  g_autoptr(GVariant) raw = NULL;
  g_autoptr(GVariant) sources = NULL;
  GVariantIter iter;
  const char *name, *url, *signature;

  if (!ro_replica_wait_for_source (registry, remaining_ms (self)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_TIMED_OUT,
                   "The registry at %s did not answer within %d ms", self->url, self->timeout_ms);
      return FALSE;
    }

  raw = ro_replica_get_value (registry, REGISTRY_PROPERTY);
  sources = raw != NULL ? unbox (g_variant_ref (raw)) : NULL;
  if (raw != NULL && sources == NULL)
    return TRUE;
  if (sources == NULL || !g_variant_is_of_type (sources, G_VARIANT_TYPE (REGISTRY_TYPE)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_SIGNATURE_MISMATCH,
                   "“%s” at %s has no property “%s” of type %s",
                   REGISTRY_NAME, self->url, REGISTRY_PROPERTY, REGISTRY_TYPE);
      return FALSE;
    }

  g_variant_iter_init (&iter, sources);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &url, &signature))
    add_entry (entries, name, url, signature);
  return TRUE;
}

static char *
describe_entries (GPtrArray *entries)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = ((Entry *) g_ptr_array_index (entries, i))->name;

      if (g_hash_table_add (seen, (gpointer) name))
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
initialized_cb (RoReplica *replica,
                Inspect   *self)
{
  self->initialized = TRUE;
}

static gboolean
is_initialized (Inspect *self)
{
  return self->initialized;
}

/* Connects, finds self->name (at the URL, or through the registry there)
 * and waits for its snapshot. */
static int
inspect_acquire (Inspect *self)
{
  int status = inspect_connect (self);

  if (status != INSPECT_EXIT_OK)
    return status;

  if (find_entry (self->entries, self->name, NULL) == NULL &&
      find_entry (self->entries, REGISTRY_NAME, NULL) != NULL)
    {
      g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_autoptr(GError) error = NULL;
      Entry *entry;

      if (!read_registry (self, known, &error))
        {
          g_printerr ("ro-inspect: %s\n", error->message);
          return INSPECT_EXIT_FAILED;
        }
      entry = find_entry (known, self->name, NULL);
      if (entry != NULL && !ro_node_connect_to_node (self->node, entry->url, &error))
        {
          g_printerr ("ro-inspect: the registry at %s gives a bad URL for “%s”: %s\n",
                      self->url, self->name, error->message);
          return INSPECT_EXIT_FAILED;
        }
      if (entry != NULL)
        add_entry (self->entries, entry->name, entry->url, entry->signature);
    }

  if (find_entry (self->entries, self->name, NULL) == NULL)
    {
      g_autofree char *names = describe_entries (self->entries);

      g_printerr ("ro-inspect: %s shares no source “%s” (it shares %s)\n", self->url, self->name, names);
      return INSPECT_EXIT_USAGE;
    }

  self->replica = ro_node_acquire_dynamic (self->node, self->name);
  g_signal_connect (self->replica, "initialized", G_CALLBACK (initialized_cb), self);
  if (!ro_replica_wait_for_source (self->replica, remaining_ms (self)))
    {
      g_printerr ("ro-inspect: “%s” at %s did not answer within %d ms\n", self->name, self->url, self->timeout_ms);
      return INSPECT_EXIT_USAGE;
    }

  /* The snapshot's signals are still queued: let them pass, so that later
   * value-changed emissions are changes, not the snapshot. */
  inspect_wait (self, is_initialized);
  return INSPECT_EXIT_OK;
}

static const char *
source_url (Inspect *self)
{
  Entry *entry = find_entry (self->entries, self->name, NULL);

  return entry != NULL ? entry->url : self->url;
}

/* Values: parsing and printing */

static gboolean
variant_to_int64 (GVariant *value,
                  gint64   *out)
{
  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BYTE: *out = g_variant_get_byte (value); return TRUE;
    case G_VARIANT_CLASS_INT16: *out = g_variant_get_int16 (value); return TRUE;
    case G_VARIANT_CLASS_UINT16: *out = g_variant_get_uint16 (value); return TRUE;
    case G_VARIANT_CLASS_INT32: *out = g_variant_get_int32 (value); return TRUE;
    case G_VARIANT_CLASS_UINT32: *out = g_variant_get_uint32 (value); return TRUE;
    case G_VARIANT_CLASS_INT64: *out = g_variant_get_int64 (value); return TRUE;
    case G_VARIANT_CLASS_UINT64: *out = (gint64) g_variant_get_uint64 (value); return TRUE;
    default: return FALSE;
    }
}

static GVariant *
int64_to_variant (const GVariantType *type,
                  gint64              v)
{
  switch (g_variant_type_peek_string (type)[0])
    {
    case 'y': return g_variant_new_byte ((guchar) v);
    case 'n': return g_variant_new_int16 ((gint16) v);
    case 'q': return g_variant_new_uint16 ((guint16) v);
    case 'i': return g_variant_new_int32 ((gint32) v);
    case 'u': return g_variant_new_uint32 ((guint32) v);
    case 'x': return g_variant_new_int64 (v);
    case 't': return g_variant_new_uint64 ((guint64) v);
    default: return NULL;
    }
}

/* "blue" for an enum, "bold|italic" for flags, NULL if @v fits no nick. */
static char *
enum_nicks (RoInterfaceInfo *info,
            const char      *enum_name,
            gint64           v)
{
  int e = ro_interface_info_lookup_enum (info, enum_name);
  g_autoptr(GString) nicks = NULL;
  gboolean is_flags;
  guint n;

  if (e < 0)
    return NULL;
  is_flags = ro_interface_info_get_enum_is_flags (info, e);
  n = ro_interface_info_get_enum_n_values (info, e);
  nicks = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      gint64 value;
      const char *nick = ro_interface_info_get_enum_value_nick (info, e, i, &value);

      if (!is_flags && value == v)
        return g_strdup (nick);
      if (is_flags && value != 0 && (v & value) == value)
        {
          g_string_append_printf (nicks, "%s%s", nicks->len > 0 ? "|" : "", nick);
          v &= ~value;
        }
    }
  if (!is_flags || nicks->len == 0 || v != 0)
    return NULL;
  return g_string_free (g_steal_pointer (&nicks), FALSE);
}

/* Reads "blue" or "bold|italic" as the integer of @type. */
static GVariant *
parse_enum (RoInterfaceInfo    *info,
            const char         *enum_name,
            const GVariantType *type,
            const char         *text)
{
  int e = ro_interface_info_lookup_enum (info, enum_name);
  g_auto(GStrv) words = NULL;
  gint64 result = 0;

  if (e < 0)
    return NULL;

  words = g_strsplit (text, "|", ro_interface_info_get_enum_is_flags (info, e) ? -1 : 1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = g_strstrip (words[w]);
      gboolean found = FALSE;

      for (guint i = 0; i < ro_interface_info_get_enum_n_values (info, e) && !found; i++)
        {
          gint64 value;

          if (g_str_equal (ro_interface_info_get_enum_value_nick (info, e, i, &value), word))
            {
              result |= value;
              found = TRUE;
            }
        }
      if (!found)
        return NULL;
    }
  return int64_to_variant (type, result);
}

/* Reads a command-line word as a value of @type: GVariant text, where a
 * bare word stands for a string (`hello` for 'hello'), any value for a
 * variant (`42` for <42>), and a nick for an enum or flags value. */
static GVariant *
parse_value (const char          *text,
             const GVariantType  *type,
             RoInterfaceInfo     *info,
             const char          *enum_name,
             GError             **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *context = NULL;
  g_autofree char *type_text = NULL;
  GVariant *value;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS, "“%s” is not valid UTF-8", text);
      return NULL;
    }

  /* g_variant_parse() gives a reference of our own, not a floating one. */
  value = g_variant_parse (type, text, NULL, NULL, &parse_error);
  if (value != NULL)
    return value;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_ref_sink (g_variant_new_string (text));
  if (g_variant_type_equal (type, G_VARIANT_TYPE ("ms")))
    return g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_STRING, g_variant_new_string (text)));

  if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT) || g_variant_type_equal (type, G_VARIANT_TYPE ("mv")))
    {
      g_autoptr(GVariant) inner = g_variant_parse (NULL, text, NULL, NULL, NULL);

      if (inner != NULL)
        {
          GVariant *boxed = g_variant_new_variant (inner);

          if (g_variant_type_is_maybe (type))
            boxed = g_variant_new_maybe (NULL, boxed);
          return g_variant_ref_sink (boxed);
        }
    }

  if (enum_name != NULL)
    {
      value = parse_enum (info, enum_name, type, text);
      if (value != NULL)
        return g_variant_ref_sink (value);
    }

  context = g_variant_parse_error_print_context (parse_error, text);
  /* An argument's type is an item of the tuple's: not NUL-terminated. */
  type_text = g_variant_type_dup_string (type);
  g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
               "cannot read “%s” as a value of type %s: %s", text, type_text, context);
  return NULL;
}

static char *
type_string (const GVariantType *type)
{
  return g_variant_type_dup_string (type);
}

/* show */

static char *
property_extra (RoInterfaceInfo *info,
                guint            index,
                GVariant        *value)
{
  const char *enum_name = ro_interface_info_get_property_enum (info, index);
  int e = enum_name != NULL ? ro_interface_info_lookup_enum (info, enum_name) : -1;
  g_autofree char *nicks = NULL;
  gint64 v;

  if (enum_name == NULL)
    return g_strdup ("");
  if (value != NULL && variant_to_int64 (value, &v))
    nicks = enum_nicks (info, enum_name, v);
  return g_strdup_printf ("  (%s %s%s%s)",
                          e >= 0 && ro_interface_info_get_enum_is_flags (info, e) ? "flags" : "enum",
                          enum_name, nicks != NULL ? ": " : "", nicks != NULL ? nicks : "");
}

static int
max_width (RoInterfaceInfo *info,
           guint            n,
           const char    *(*get_name) (RoInterfaceInfo *info, guint index))
{
  int width = 0;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (int) g_utf8_strlen (get_name (info, i), -1));
  return width;
}

static void
show_text (Inspect         *self,
           RoInterfaceInfo *info)
{
  guint n_props = ro_interface_info_get_n_properties (info);
  guint n_signals = ro_interface_info_get_n_signals (info);
  guint n_methods = ro_interface_info_get_n_methods (info);
  guint n_enums = ro_interface_info_get_n_enums (info);
  g_autofree char *header = NULL;
  int width, type_width = 0;

  header = g_strdup_printf ("%s at %s", self->name, source_url (self));
  print_line (header);
  g_free (header);
  header = g_strdup_printf ("  interface  %s\n  signature  %s\n  state      %s",
                            ro_interface_info_get_name (info),
                            ro_interface_info_get_signature (info),
                            state_name (ro_replica_get_state (self->replica)));
  print_line (header);

  print_line ("properties:");
  width = max_width (info, n_props, ro_interface_info_get_property_name);
  for (guint i = 0; i < n_props; i++)
    type_width = MAX (type_width, (int) strlen (g_variant_type_peek_string (ro_interface_info_get_property_type (info, i))));
  for (guint i = 0; i < n_props; i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);
      g_autofree char *type = type_string (ro_interface_info_get_property_type (info, i));
      g_autoptr(GVariant) value = ro_replica_get_value (self->replica, name);
      g_autofree char *text = value != NULL ? g_variant_print (value, FALSE) : g_strdup ("?");
      g_autofree char *extra = property_extra (info, i, value);
      g_autofree char *line = g_strdup_printf ("  %-*s  %-*s  %-9s  = %s%s", width, name, type_width, type,
                                               mode_name (ro_interface_info_get_property_mode (info, i)),
                                               text, extra);

      print_line (line);
    }

  print_line ("signals:");
  width = max_width (info, n_signals, ro_interface_info_get_signal_name);
  for (guint i = 0; i < n_signals; i++)
    {
      g_autofree char *args = type_string (ro_interface_info_get_signal_arg_types (info, i));
      g_autofree char *line = g_strdup_printf ("  %-*s  %s", width, ro_interface_info_get_signal_name (info, i), args);

      print_line (line);
    }

  print_line ("methods:");
  width = max_width (info, n_methods, ro_interface_info_get_method_name);
  for (guint i = 0; i < n_methods; i++)
    {
      g_autofree char *args = type_string (ro_interface_info_get_method_arg_types (info, i));
      g_autofree char *result = type_string (ro_interface_info_get_method_return_type (info, i));
      g_autofree char *line = g_strdup_printf ("  %-*s  %s -> %s", width, ro_interface_info_get_method_name (info, i),
                                               args, result);

      print_line (line);
    }

  if (n_enums == 0)
    return;
  print_line ("enums:");
  width = max_width (info, n_enums, ro_interface_info_get_enum_name);
  for (guint i = 0; i < n_enums; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-*s  %s", width, ro_interface_info_get_enum_name (info, i),
                              ro_interface_info_get_enum_is_flags (info, i) ? "flags" : "enum ");
      for (guint j = 0; j < ro_interface_info_get_enum_n_values (info, i); j++)
        {
          gint64 value;
          const char *nick = ro_interface_info_get_enum_value_nick (info, i, j, &value);

          g_string_append_printf (line, " %s=%" G_GINT64_FORMAT, nick, value);
        }
      print_line (line->str);
    }
}

static void
add_value_members (JsonBuilder *builder,
                   const char  *json_member,
                   GVariant    *value)
{
  g_autofree char *text = g_variant_print (value, FALSE);

  json_builder_set_member_name (builder, json_member);
  json_builder_add_value (builder, json_gvariant_serialize (value));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
}

static void
add_type_member (JsonBuilder        *builder,
                 const char         *member,
                 const GVariantType *type)
{
  g_autofree char *text = type_string (type);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
show_json (Inspect         *self,
           RoInterfaceInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, source_url (self));
  json_builder_set_member_name (builder, "interface");
  json_builder_add_string_value (builder, ro_interface_info_get_name (info));
  json_builder_set_member_name (builder, "signature");
  json_builder_add_string_value (builder, ro_interface_info_get_signature (info));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_name (ro_replica_get_state (self->replica)));

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ro_interface_info_get_n_properties (info); i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);
      const char *enum_name = ro_interface_info_get_property_enum (info, i);
      g_autoptr(GVariant) value = ro_replica_get_value (self->replica, name);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      add_type_member (builder, "type", ro_interface_info_get_property_type (info, i));
      json_builder_set_member_name (builder, "mode");
      json_builder_add_string_value (builder, mode_name (ro_interface_info_get_property_mode (info, i)));
      if (enum_name != NULL)
        {
          json_builder_set_member_name (builder, "enum");
          json_builder_add_string_value (builder, enum_name);
        }
      if (value != NULL)
        add_value_members (builder, "value", value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "signals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ro_interface_info_get_n_signals (info); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ro_interface_info_get_signal_name (info, i));
      add_type_member (builder, "args", ro_interface_info_get_signal_arg_types (info, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ro_interface_info_get_n_methods (info); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ro_interface_info_get_method_name (info, i));
      add_type_member (builder, "args", ro_interface_info_get_method_arg_types (info, i));
      add_type_member (builder, "result", ro_interface_info_get_method_return_type (info, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "enums");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ro_interface_info_get_n_enums (info); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ro_interface_info_get_enum_name (info, i));
      json_builder_set_member_name (builder, "flags");
      json_builder_add_boolean_value (builder, ro_interface_info_get_enum_is_flags (info, i));
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; j < ro_interface_info_get_enum_n_values (info, i); j++)
        {
          gint64 value;
          const char *nick = ro_interface_info_get_enum_value_nick (info, i, j, &value);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "nick");
          json_builder_add_string_value (builder, nick);
          json_builder_set_member_name (builder, "value");
          json_builder_add_int_value (builder, value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root, TRUE);
}

static int
command_show (Inspect  *self,
              int       argc,
              char    **argv)
{
  int status;

  self->url = argv[1];
  self->name = argv[2];
  status = inspect_acquire (self);
  if (status != INSPECT_EXIT_OK)
    return status;

  if (self->json)
    show_json (self, ro_replica_get_interface_info (self->replica));
  else
    show_text (self, ro_replica_get_interface_info (self->replica));
  return INSPECT_EXIT_OK;
}

/* list */

static int
command_list (Inspect  *self,
              int       argc,
              char    **argv)
{
  g_autoptr(GError) error = NULL;
  int status;
  int width = 0;

  self->url = argv[1];
  status = inspect_connect (self);
  if (status != INSPECT_EXIT_OK)
    return status;

  if (find_entry (self->entries, REGISTRY_NAME, NULL) != NULL &&
      !read_registry (self, self->entries, &error))
    {
      g_printerr ("ro-inspect: %s\n", error->message);
      status = INSPECT_EXIT_FAILED;
    }

  g_ptr_array_sort (self->entries, compare_entries);

  if (self->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, entry->name);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, entry->url);
          if (entry->signature != NULL)
            {
              json_builder_set_member_name (builder, "signature");
              json_builder_add_string_value (builder, entry->signature);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root, TRUE);
      return status;
    }

  for (guint i = 0; i < self->entries->len; i++)
    width = MAX (width, (int) g_utf8_strlen (((Entry *) g_ptr_array_index (self->entries, i))->name, -1));
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *line = g_strdup_printf ("%-*s  %s", width, entry->name, entry->url);

      print_line (line);
    }
  return status;
}

/* watch */

typedef enum {
  EVENT_PROPERTY,
  EVENT_SIGNAL,
  EVENT_STATE,
} EventKind;

static void
watch_print (Inspect     *self,
             EventKind    kind,
             const char  *name,
             GVariant    *value,
             const char  *previous)
{
  g_autofree char *now = timestamp_now ();

  if (self->count > 0 && self->n_printed >= self->count)
    return;
  self->n_printed++;

  if (self->json)
    {
      static const char * const kinds[] = { "property", "signal", "state" };
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, now);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, kinds[kind]);
      json_builder_set_member_name (builder, kind == EVENT_STATE ? "state" : "name");
      json_builder_add_string_value (builder, name);
      if (kind == EVENT_STATE)
        {
          json_builder_set_member_name (builder, "previous");
          json_builder_add_string_value (builder, previous);
        }
      else
        add_value_members (builder, kind == EVENT_PROPERTY ? "value" : "args", value);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root, FALSE);
    }
  else
    {
      g_autofree char *text = value != NULL ? g_variant_print (value, FALSE) : NULL;
      g_autofree char *line = NULL;

      switch (kind)
        {
        case EVENT_PROPERTY:
          line = g_strdup_printf ("%s %s = %s", now, name, text);
          break;
        case EVENT_SIGNAL:
          line = g_strdup_printf ("%s %s %s", now, name, text);
          break;
        case EVENT_STATE:
        default:
          line = g_strdup_printf ("%s state %s (was %s)", now, name, previous);
          break;
        }
      print_line (line);
    }

  if (self->count > 0 && self->n_printed >= self->count)
    g_main_loop_quit (self->loop);
}

static void
watch_value_changed_cb (RoReplica  *replica,
                        const char *name,
                        GVariant   *value,
                        Inspect    *self)
{
  GVariant *last = g_hash_table_lookup (self->last_values, name);

  /* A replica that is not VALID yet is receiving a fresh snapshot, after
   * a loss: only what changed meanwhile is news. */
  if (self->state != RO_REPLICA_STATE_VALID && last != NULL && g_variant_equal (last, value))
    return;

  g_hash_table_replace (self->last_values, g_strdup (name), g_variant_ref (value));
  watch_print (self, EVENT_PROPERTY, name, value, NULL);
}

static void
watch_remote_signal_cb (RoReplica  *replica,
                        const char *name,
                        GVariant   *args,
                        Inspect    *self)
{
  watch_print (self, EVENT_SIGNAL, name, args, NULL);
}

static void
watch_state_changed_cb (RoReplica      *replica,
                        RoReplicaState  state,
                        RoReplicaState  old,
                        Inspect        *self)
{
  self->state = state;
  watch_print (self, EVENT_STATE, state_name (state), NULL, state_name (old));
}

static gboolean
watch_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static int
command_watch (Inspect  *self,
               int       argc,
               char    **argv)
{
  RoInterfaceInfo *info;
  int status;
  guint sigint_id, sigterm_id;

  self->url = argv[1];
  self->name = argv[2];
  status = inspect_acquire (self);
  if (status != INSPECT_EXIT_OK)
    return status;

  /* Changes are told against the values shown by `show` now. */
  info = ro_replica_get_interface_info (self->replica);
  self->last_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  for (guint i = 0; i < ro_interface_info_get_n_properties (info); i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);

      g_hash_table_insert (self->last_values, g_strdup (name), ro_replica_get_value (self->replica, name));
    }
  self->state = ro_replica_get_state (self->replica);

  self->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (self->replica, "value-changed", G_CALLBACK (watch_value_changed_cb), self);
  g_signal_connect (self->replica, "remote-signal", G_CALLBACK (watch_remote_signal_cb), self);
  g_signal_connect (self->replica, "state-changed", G_CALLBACK (watch_state_changed_cb), self);
  sigint_id = g_unix_signal_add (SIGINT, watch_quit_cb, self->loop);
  sigterm_id = g_unix_signal_add (SIGTERM, watch_quit_cb, self->loop);

  /* On stderr, so that stdout holds only events; tests wait for it. */
  g_printerr ("Watching “%s” at %s\n", self->name, source_url (self));
  g_main_loop_run (self->loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  return INSPECT_EXIT_OK;
}

/* call */

static int
command_call (Inspect  *self,
              int       argc,
              char    **argv)
{
  const char *method = argv[3];
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *arg_types = NULL;
  const GVariantType *item;
  RoInterfaceInfo *info;
  int status, index, n_args = argc - 4;

  self->url = argv[1];
  self->name = argv[2];
  status = inspect_acquire (self);
  if (status != INSPECT_EXIT_OK)
    return status;

  info = ro_replica_get_interface_info (self->replica);
  index = ro_interface_info_lookup_method (info, method);
  if (index < 0)
    {
      g_printerr ("ro-inspect: “%s” has no method “%s”\n", self->name, method);
      return INSPECT_EXIT_FAILED;
    }

  arg_types = type_string (ro_interface_info_get_method_arg_types (info, index));
  if ((gsize) n_args != g_variant_type_n_items (ro_interface_info_get_method_arg_types (info, index)))
    {
      g_printerr ("ro-inspect: method “%s” takes %" G_GSIZE_FORMAT " argument(s) %s, not %d\n", method,
                  g_variant_type_n_items (ro_interface_info_get_method_arg_types (info, index)), arg_types, n_args);
      return INSPECT_EXIT_FAILED;
    }

  item = g_variant_type_first (ro_interface_info_get_method_arg_types (info, index));
  for (int i = 0; i < n_args; i++, item = g_variant_type_next (item))
    {
      GVariant *value = parse_value (argv[4 + i], item, info, NULL, &error);

      if (value == NULL)
        {
          g_printerr ("ro-inspect: argument %d of “%s”: %s\n", i + 1, method, error->message);
          return INSPECT_EXIT_FAILED;
        }
      g_ptr_array_add (args, value);
    }

  result = ro_replica_call_sync (self->replica, method,
                                 g_variant_new_tuple ((GVariant **) args->pdata, args->len),
                                 self->timeout_ms, NULL, &error);
  if (result == NULL)
    {
      gboolean timed_out = g_error_matches (error, RO_ERROR, RO_ERROR_TIMED_OUT);

      if (timed_out)
        g_printerr ("ro-inspect: “%s” of “%s” at %s did not answer within %d ms\n",
                    method, self->name, source_url (self), self->timeout_ms);
      else
        g_printerr ("ro-inspect: “%s” of “%s” failed: %s\n", method, self->name, error->message);
      return timed_out ? INSPECT_EXIT_USAGE : INSPECT_EXIT_FAILED;
    }

  /* Typed, as gdbus prints results, so that the text reads back exactly. */
  text = g_variant_print (result, TRUE);
  print_line (text);
  return INSPECT_EXIT_OK;
}

/* set */

static void
set_log_cb (const char     *domain,
            GLogLevelFlags  level,
            const char     *message,
            gpointer        data)
{
  Inspect *self = data;

  if (self->refusal == NULL)
    self->refusal = g_strdup (message);
}

static gboolean
set_done (Inspect *self)
{
  return self->pushed_value != NULL || self->refusal != NULL;
}

static void
set_value_changed_cb (RoReplica  *replica,
                      const char *name,
                      GVariant   *value,
                      Inspect    *self)
{
  if (self->pushed_value == NULL)
    self->pushed_value = g_variant_ref (value);
}

static int
command_set (Inspect  *self,
             int       argc,
             char    **argv)
{
  const char *value_text = argv[4];
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detailed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  RoInterfaceInfo *info;
  RoPropertyMode mode;
  int status, index;
  guint handler;

  self->url = argv[1];
  self->name = argv[2];
  self->property = argv[3];
  status = inspect_acquire (self);
  if (status != INSPECT_EXIT_OK)
    return status;

  info = ro_replica_get_interface_info (self->replica);
  index = ro_interface_info_lookup_property (info, self->property);
  if (index < 0)
    {
      g_printerr ("ro-inspect: “%s” has no property “%s”\n", self->name, self->property);
      return INSPECT_EXIT_FAILED;
    }

  /* The library would only log a warning: say it cleanly instead. */
  mode = ro_interface_info_get_property_mode (info, index);
  if (mode != RO_PROPERTY_MODE_READWRITE && mode != RO_PROPERTY_MODE_READPUSH)
    {
      g_printerr ("ro-inspect: property “%s” of “%s” is read-only (%s)\n", self->property, self->name, mode_name (mode));
      return INSPECT_EXIT_FAILED;
    }

  value = parse_value (value_text, ro_interface_info_get_property_type (info, index), info,
                       ro_interface_info_get_property_enum (info, index), &error);
  if (value == NULL)
    {
      g_printerr ("ro-inspect: property “%s”: %s\n", self->property, error->message);
      return INSPECT_EXIT_FAILED;
    }

  /* The source's refusal comes back as a warning of the library. */
  handler = g_log_set_handler ("Ro", G_LOG_LEVEL_WARNING, set_log_cb, self);
  detailed = g_strconcat ("value-changed::", self->property, NULL);
  g_signal_connect (self->replica, detailed, G_CALLBACK (set_value_changed_cb), self);
  ro_replica_push_value (self->replica, self->property, value);
  start_deadline (self);
  inspect_wait (self, set_done);
  g_log_remove_handler ("Ro", handler);

  if (self->refusal != NULL)
    {
      g_printerr ("ro-inspect: %s\n", self->refusal);
      return INSPECT_EXIT_FAILED;
    }

  if (self->pushed_value == NULL)
    {
      /* A source may stay silent when the value does not change. */
      current = ro_replica_get_value (self->replica, self->property);
      text = g_variant_print (current, FALSE);
      if (!g_variant_equal (current, value))
        {
          g_printerr ("ro-inspect: “%s” of “%s” did not change within %d ms; it is %s\n",
                      self->property, self->name, self->timeout_ms, text);
          return INSPECT_EXIT_FAILED;
        }
    }
  else
    text = g_variant_print (self->pushed_value, FALSE);

  line = g_strdup_printf ("%s = %s", self->property, text);
  print_line (line);
  return INSPECT_EXIT_OK;
}

/* Command line */

static const Command commands[] = {
  {
    "list", "URL", "List sources",
    "List the sources at a host or registry, with their hosts’ URLs.",
    "For a registry (a host that shares “" REGISTRY_NAME "”), the sources it knows of are\n"
    "listed too, with the URLs of the hosts that share them.",
    COMMAND_JSON, 1, 1, command_list,
  },
  {
    "show", "URL NAME", "Show a source's interface and values",
    "Show the interface of a source and its current values.",
    "Prints the properties (name, type, mode, value), signals (argument\n"
    "types), methods (argument and result types) and enums of the source.",
    COMMAND_JSON, 2, 2, command_show,
  },
  {
    "watch", "URL NAME", "Print changes and signals as they happen",
    "Print property changes, signals and state changes as they happen.",
    "One line per event, each beginning with an ISO 8601 UTC timestamp,\n"
    "until --count events were printed or the command is interrupted.",
    COMMAND_JSON | COMMAND_COUNT, 2, 2, command_watch,
  },
  {
    "call", "URL NAME METHOD [ARG…]", "Call a method",
    "Call a method of a source and print its result.",
    "Each ARG is GVariant text read as the method’s argument type: 42, 2.5,\n"
    "'text' or text, \"['a', 'b']\". The result tuple is printed as GVariant text.\n"
    "Put -- before arguments that begin with a dash if they are not numbers.",
    COMMAND_FREE_ARGS, 3, -1, command_call,
  },
  {
    "set", "URL NAME PROPERTY VALUE", "Push a property value",
    "Push a value to a property of a source.",
    "VALUE is GVariant text read as the property’s type, or a nick of its enum\n"
    "or flags (blue, bold|italic). Prints the value that the source then holds.",
    COMMAND_FREE_ARGS, 4, 4, command_set,
  },
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage:\n"
           "  ro-inspect COMMAND [OPTION…] ARGUMENTS…\n"
           "\n"
           "Inspect the sources that libro-glib hosts share.\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].params);

      /* Pad by characters: the synopsis holds an ellipsis. */
      fprintf (out, "  %s%*s%s\n", synopsis, 32 - (int) g_utf8_strlen (synopsis, -1), "", commands[i].brief);
    }
  fprintf (out,
           "  %-30s  %s\n"
           "\n"
           "URLs: local:NAME, localabstract:NAME, unix:/PATH, tcp://HOST:PORT\n"
           "Use “ro-inspect COMMAND --help” for the options of each command.\n",
           "help [COMMAND]", "Show this help or a command's");
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  Inspect self = { 0 };
  GOptionEntry entries[4] = { { NULL } };
  guint n = 0;
  int status, n_args;
  gboolean parsed;

  self.timeout_ms = DEFAULT_TIMEOUT_MS;
  entries[n++] = (GOptionEntry) { "timeout", 0, 0, G_OPTION_ARG_INT, &self.timeout_ms,
                                  "How long to wait for an answer, in milliseconds (default 5000; -1: forever)", "MS" };
  if (command->flags & COMMAND_JSON)
    entries[n++] = (GOptionEntry) { "json", 0, 0, G_OPTION_ARG_NONE, &self.json,
                                    "Print JSON instead of text", NULL };
  if (command->flags & COMMAND_COUNT)
    entries[n++] = (GOptionEntry) { "count", 0, 0, G_OPTION_ARG_INT, &self.count,
                                    "Exit after N events (default 0: never)", "N" };

  context = g_option_context_new (command->params);
  g_option_context_set_summary (context, command->summary);
  g_option_context_set_description (context, command->description);
  g_option_context_add_main_entries (context, entries, NULL);
  /* So that `call URL NAME add -3 4` passes -3 on as an argument. */
  g_option_context_set_ignore_unknown_options (context, (command->flags & COMMAND_FREE_ARGS) != 0);

  /* Usage lines then read “ro-inspect call [OPTION…] URL NAME …”. */
  prgname = g_strdup (g_get_prgname ());
  {
    g_autofree char *name = g_strdup_printf ("ro-inspect %s", command->name);

    g_set_prgname (name);
  }
  parsed = g_option_context_parse (context, &argc, &argv, &error);
  g_set_prgname (prgname);
  if (!parsed)
    {
      g_printerr ("ro-inspect %s: %s\nTry “ro-inspect %s --help”.\n", command->name, error->message, command->name);
      return INSPECT_EXIT_USAGE;
    }

  /* With unknown options ignored, GOption leaves "--" in place. */
  for (int i = 1; i < argc && (command->flags & COMMAND_FREE_ARGS); i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        break;
      }

  n_args = argc - 1;
  if (n_args < command->min_args || (command->max_args >= 0 && n_args > command->max_args))
    {
      g_printerr ("ro-inspect %s: expected %s\nTry “ro-inspect %s --help”.\n",
                  command->name, command->params, command->name);
      return INSPECT_EXIT_USAGE;
    }
  if (self.count < 0)
    {
      g_printerr ("ro-inspect %s: --count must not be negative\n", command->name);
      return INSPECT_EXIT_USAGE;
    }

  self.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  status = command->func (&self, argc, argv);

  g_clear_object (&self.replica);
  g_clear_object (&self.node);
  g_clear_pointer (&self.entries, g_ptr_array_unref);
  g_clear_pointer (&self.last_values, g_hash_table_unref);
  g_clear_pointer (&self.loop, g_main_loop_unref);
  g_clear_pointer (&self.pushed_value, g_variant_unref);
  g_clear_pointer (&self.refusal, g_free);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  const Command *command;

  setlocale (LC_ALL, "");
  g_set_prgname ("ro-inspect");

  if (argc < 2)
    {
      print_usage (stderr);
      return INSPECT_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "-?") ||
      (g_str_equal (argv[1], "help") && argc == 2))
    {
      print_usage (stdout);
      return INSPECT_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("ro-inspect %s\n", RO_VERSION_S);
      return INSPECT_EXIT_OK;
    }
  if (g_str_equal (argv[1], "help"))
    {
      char *help_argv[] = { argv[2], (char *) "--help", NULL };

      command = find_command (argv[2]);
      if (command == NULL)
        {
          g_printerr ("ro-inspect: unknown command “%s”\n", argv[2]);
          return INSPECT_EXIT_USAGE;
        }
      return run_command (command, 2, help_argv);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr ("ro-inspect: unknown command “%s”\n\n", argv[1]);
      print_usage (stderr);
      return INSPECT_EXIT_USAGE;
    }
  return run_command (command, argc - 1, argv + 1);
}
