/* test-message.c: message type names and the rules of ro_message_validate()
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <ro-glib/ro-glib.h>

#include "ro-message.h"

/* The table of ro-message.h, written out again so that the test does not
 * trust the implementation's copy. */
typedef enum { ABSENT, REQUIRED, ANY } Field;

static const struct
{
  RoMessageType type;
  const char *name;
  Field serial;
  Field source;
  Field member;
  const char *body;    /* a GVariant text, or NULL for no body */
} table[] = {
  { RO_MESSAGE_HELLO, "hello", ABSENT, ABSENT, ABSENT,
    "{'protocol': <'ro-glib'>, 'version': <uint32 1>, 'codecs': <['json']>, 'token': <''>}" },
  { RO_MESSAGE_SOURCES, "sources", ABSENT, ABSENT, ABSENT,
    "[('Thermostat', 'org.example.Thermostat', 'c0ffee')]" },
  { RO_MESSAGE_SOURCE_ADDED, "source-added", ABSENT, REQUIRED, ABSENT,
    "('org.example.Thermostat', 'c0ffee')" },
  { RO_MESSAGE_SOURCE_REMOVED, "source-removed", ABSENT, REQUIRED, ABSENT, NULL },
  { RO_MESSAGE_ACQUIRE, "acquire", ABSENT, REQUIRED, ABSENT, NULL },
  { RO_MESSAGE_RELEASE, "release", ABSENT, REQUIRED, ABSENT, NULL },
  { RO_MESSAGE_SNAPSHOT, "snapshot", ABSENT, REQUIRED, ABSENT,
    "(('org.example.Thermostat', [('temperature', 'd', uint32 0, '')], "
    "[('overheat', '(sd)')], [('heat', '(d)', '()', false)], "
    "[('Mode', false, [('off', int64 0), ('on', 1)])]), "
    "{'temperature': <21.5>})" },
  { RO_MESSAGE_CHANGES, "changes", ABSENT, REQUIRED, ABSENT,
    "[('temperature', <22.0>), ('temperature', <22.5>)]" },
  { RO_MESSAGE_SIGNAL, "signal", ABSENT, REQUIRED, REQUIRED, "('too hot', 35.0)" },
  { RO_MESSAGE_INVOKE, "invoke", ANY, REQUIRED, REQUIRED, "(15.0,)" },
  { RO_MESSAGE_CANCEL, "cancel", REQUIRED, ABSENT, ABSENT, NULL },
  { RO_MESSAGE_REPLY, "reply", REQUIRED, ABSENT, ABSENT, "(true,)" },
  { RO_MESSAGE_ERROR, "error", REQUIRED, ABSENT, ABSENT, "('ro-error-quark', 4, 'No such method')" },
  { RO_MESSAGE_PUSH, "push", REQUIRED, REQUIRED, REQUIRED, "<21.0>" },
  { RO_MESSAGE_PING, "ping", REQUIRED, ABSENT, ABSENT, NULL },
  { RO_MESSAGE_PONG, "pong", REQUIRED, ABSENT, ABSENT, NULL },
};

static GVariant *
parse (const char *type,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *v = g_variant_parse (type != NULL ? G_VARIANT_TYPE (type) : NULL,
                                 text, NULL, NULL, &error);

  g_assert_no_error (error);
  /* Already a full reference. */
  return v;
}

/* A valid message of the type in table[i]. */
static RoMessage *
valid_message (gsize i)
{
  RoMessage *message;

  g_assert_cmpint (table[i].type, ==, i);
  message = ro_message_new (table[i].type);

  if (table[i].serial != ABSENT)
    message->serial = 7;
  if (table[i].source == REQUIRED)
    message->name = g_strdup ("Thermostat");
  if (table[i].member == REQUIRED)
    message->member = g_strdup ("heat");
  if (table[i].body != NULL)
    message->body = parse (NULL, table[i].body);

  return message;
}

static void
assert_refused (const RoMessage *message,
                const char      *expected_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ro_message_validate (message, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  /* Every message names the message type. */
  g_assert_true (g_str_has_prefix (error->message, ro_message_type_to_string (message->type)));
  if (expected_message != NULL)
    g_assert_cmpstr (error->message, ==, expected_message);
}

static void
assert_valid (const RoMessage *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ro_message_validate (message, &error));
  g_assert_no_error (error);
}

static void
test_type_names (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (table), ==, RO_MESSAGE_N_TYPES);

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      RoMessageType type = RO_MESSAGE_N_TYPES;

      g_assert_cmpstr (ro_message_type_to_string (table[i].type), ==, table[i].name);
      g_assert_true (ro_message_type_from_string (table[i].name, &type));
      g_assert_cmpint (type, ==, table[i].type);
    }

  g_assert_null (ro_message_type_to_string (RO_MESSAGE_N_TYPES));
  g_assert_null (ro_message_type_to_string ((RoMessageType) -1));
  g_assert_false (ro_message_type_from_string ("Hello", NULL));
  g_assert_false (ro_message_type_from_string ("", NULL));
  g_assert_false (ro_message_type_from_string ("hello ", NULL));
  g_assert_false (ro_message_type_from_string (NULL, NULL));
}

static void
test_new_free (void)
{
  g_autoptr(RoMessage) message = ro_message_new (RO_MESSAGE_INVOKE);

  g_assert_cmpint (message->type, ==, RO_MESSAGE_INVOKE);
  g_assert_cmpuint (message->serial, ==, 0);
  g_assert_null (message->name);
  g_assert_null (message->member);
  g_assert_null (message->body);

  ro_message_free (NULL);
}

static void
test_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(RoMessage) message = valid_message (i);

      g_test_message ("%s", table[i].name);
      assert_valid (message);
    }

  /* Serial 0 asks for no reply. */
  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_INVOKE);

    message->serial = 0;
    assert_valid (message);
  }

  /* Any tuple for signal and invoke, the empty one too. */
  for (RoMessageType type = RO_MESSAGE_SIGNAL; type <= RO_MESSAGE_INVOKE; type++)
    {
      const char *bodies[] = { "()", "(1, 'two', [3])", "(<1>, @mi nothing)" };

      for (gsize j = 0; j < G_N_ELEMENTS (bodies); j++)
        {
          g_autoptr(RoMessage) message = valid_message (type);

          g_clear_pointer (&message->body, g_variant_unref);
          message->body = parse (NULL, bodies[j]);
          assert_valid (message);
        }
    }

  /* A reply of nothing. */
  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_REPLY);

    g_clear_pointer (&message->body, g_variant_unref);
    message->body = parse (NULL, "()");
    assert_valid (message);
  }

  /* Names of exactly 255 bytes, and non-ASCII names. */
  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_SIGNAL);

    g_free (message->name);
    message->name = g_strnfill (255, 'n');
    g_free (message->member);
    message->member = g_strdup ("überhitzt");
    assert_valid (message);
  }
}

static void
test_serial_refused (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(RoMessage) message = valid_message (i);

      switch (table[i].serial)
        {
        case REQUIRED:
          message->serial = 0;
          assert_refused (message, NULL);
          g_assert_cmpint (message->type, !=, RO_MESSAGE_INVOKE);
          break;
        case ABSENT:
          message->serial = 1;
          assert_refused (message, NULL);
          break;
        case ANY:
          message->serial = G_MAXUINT32;
          assert_valid (message);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_PING);

    message->serial = 0;
    assert_refused (message, "ping message without a serial");
    message->type = RO_MESSAGE_ACQUIRE;
    message->serial = 3;
    message->name = g_strdup ("Thermostat");
    assert_refused (message, "acquire message must not have a serial");
  }
}

static void
check_name_field (gsize       i,
                  Field       rule,
                  gsize       offset,
                  const char *what)
{
  g_autoptr(RoMessage) message = valid_message (i);
  char **field = G_STRUCT_MEMBER_P (message, offset);
  g_autofree char *expected = NULL;

  if (rule == ABSENT)
    {
      *field = g_strdup ("Thermostat");
      expected = g_strdup_printf ("%s message must not have a %s", table[i].name, what);
      assert_refused (message, expected);
      /* Empty is still present. */
      g_free (*field);
      *field = g_strdup ("");
      assert_refused (message, expected);
      return;
    }

  g_clear_pointer (field, g_free);
  expected = g_strdup_printf ("%s message without a %s", table[i].name, what);
  assert_refused (message, expected);

  *field = g_strdup ("");
  assert_refused (message, expected);

  g_free (*field);
  *field = g_strdup ("caf\xc3");
  assert_refused (message, NULL);

  g_free (*field);
  *field = g_strnfill (256, 'n');
  assert_refused (message, NULL);
}

static void
test_names_refused (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      check_name_field (i, table[i].source, G_STRUCT_OFFSET (RoMessage, name), "source name");
      check_name_field (i, table[i].member, G_STRUCT_OFFSET (RoMessage, member), "member name");
    }

  /* The example of the brief, word for word. */
  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_INVOKE);

    g_clear_pointer (&message->member, g_free);
    assert_refused (message, "invoke message without a member name");
  }
}

static void
test_body_refused (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(RoMessage) message = valid_message (i);

      if (table[i].body == NULL)
        {
          /* Not even an empty tuple. */
          message->body = parse (NULL, "()");
          assert_refused (message, NULL);
          continue;
        }

      g_clear_pointer (&message->body, g_variant_unref);
      assert_refused (message, NULL);

      /* A plain string is right for no message type. */
      message->body = parse (NULL, "'text'");
      assert_refused (message, NULL);

      /* The right contents in a variant is still the wrong type. */
      g_clear_pointer (&message->body, g_variant_unref);
      {
        g_autoptr(GVariant) inner = parse (NULL, table[i].body);

        message->body = g_variant_ref_sink (g_variant_new_variant (inner));
      }
      if (table[i].type != RO_MESSAGE_PUSH)
        assert_refused (message, NULL);
    }

  /* Fixed types must match exactly: no "close enough". */
  {
    const struct { RoMessageType type; const char *text; } wrong[] = {
      { RO_MESSAGE_HELLO, "@a{ss} {'protocol': 'ro-glib'}" },
      { RO_MESSAGE_HELLO, "@aa{sv} []" },
      { RO_MESSAGE_SOURCES, "[('a', 'b')]" },
      { RO_MESSAGE_SOURCE_ADDED, "('org.example.Thermostat', 'c0ffee', 'x')" },
      { RO_MESSAGE_SNAPSHOT, "(('i', @a(ssus) [], @a(ss) [], @a(sssb) [], @a(sba(sx)) []), @a{ss} {})" },
      { RO_MESSAGE_SNAPSHOT, "(('i', @a(ssus) [], @a(ss) [], @a(sssb) [], @a(sba(si)) []), @a{sv} {})" },
      { RO_MESSAGE_CHANGES, "@a{sv} {}" },
      { RO_MESSAGE_ERROR, "('domain', uint32 4, 'message')" },
      { RO_MESSAGE_ERROR, "('domain', 4)" },
      { RO_MESSAGE_PUSH, "(<1>,)" },
      { RO_MESSAGE_SIGNAL, "[1, 2]" },
      { RO_MESSAGE_INVOKE, "<(1,)>" },
      { RO_MESSAGE_INVOKE, "@mi nothing" },
      { RO_MESSAGE_REPLY, "(1, 2)" },
      { RO_MESSAGE_REPLY, "1" },
      { RO_MESSAGE_REPLY, "@ai []" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(RoMessage) message = valid_message (wrong[i].type);

        g_clear_pointer (&message->body, g_variant_unref);
        message->body = parse (NULL, wrong[i].text);
        assert_refused (message, NULL);
      }
  }

  {
    g_autoptr(RoMessage) message = valid_message (RO_MESSAGE_REPLY);

    g_clear_pointer (&message->body, g_variant_unref);
    message->body = parse (NULL, "(1, 2)");
    assert_refused (message, "reply message with a body of type “(ii)”, expected a tuple of zero or one value");

    message->type = RO_MESSAGE_PING;
    assert_refused (message, "ping message must not have a body");

    message->type = RO_MESSAGE_ERROR;
    assert_refused (message, "error message with a body of type “(ii)”, expected “(sis)”");

    g_clear_pointer (&message->body, g_variant_unref);
    assert_refused (message, "error message without a body");
  }
}

static void
test_unknown_type (void)
{
  g_autoptr(RoMessage) message = ro_message_new (RO_MESSAGE_N_TYPES);
  g_autoptr(GError) error = NULL;

  message->serial = 1;
  g_assert_false (ro_message_validate (message, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  g_clear_error (&error);

  message->type = (RoMessageType) -1;
  g_assert_false (ro_message_validate (message, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Message type names and the fields each message type carries");

  g_test_add_func ("/Ro/Message/type-names", test_type_names);
  g_test_add_func ("/Ro/Message/new-free", test_new_free);
  g_test_add_func ("/Ro/Message/valid", test_valid);
  g_test_add_func ("/Ro/Message/serial-refused", test_serial_refused);
  g_test_add_func ("/Ro/Message/names-refused", test_names_refused);
  g_test_add_func ("/Ro/Message/body-refused", test_body_refused);
  g_test_add_func ("/Ro/Message/unknown-type", test_unknown_type);

  return g_test_run ();
}
