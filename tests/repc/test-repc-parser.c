/* test-repc-parser.c: the .rep parser, its error messages, and the CLI
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <sys/wait.h>

#include <glib/gstdio.h>

#include "repc.h"

typedef struct
{
  const char *name;
  const char *text;
  const char *message;
} BadRep;

/* Every error names the file, the line and the column (characters, from 1)
 * of the token at fault. */
static const BadRep bad_reps[] = {
  { "model", "class Foo {\n  MODEL m(a, b)\n}\n", "bad.rep:2:3: error: MODEL is not supported yet" },
  { "child-class", "class Foo {\n  CLASS child(Bar)\n}", "bad.rep:2:3: error: CLASS is not supported yet" },
  { "model-outside", "MODEL x(y)", "bad.rep:1:1: error: MODEL is not supported yet" },
  { "flag", "class Foo {\n  FLAG(Flags Enum)\n}", "bad.rep:2:3: error: FLAG is not supported yet" },
  { "unknown-modifier", "class Foo {\n  PROP(int x READ)\n}",
    "bad.rep:2:14: error: unknown property modifier “READ”; expected READONLY, READPUSH, "
    "READWRITE, CONSTANT, PERSISTED or SOURCEONLYSETTER" },
  { "modifier-in-tab-and-utf8", "class Foo {\n\tPROP(QString s = \"é\" READ)\n}",
    "bad.rep:2:23: error: unknown property modifier “READ”; expected READONLY, READPUSH, "
    "READWRITE, CONSTANT, PERSISTED or SOURCEONLYSETTER" },
  { "two-modes", "class Foo {\n  PROP(int x = 1 READONLY READWRITE)\n}",
    "bad.rep:2:27: error: property modifiers READONLY and READWRITE cannot be combined" },
  { "unknown-type", "class Foo {\n  PROP(QFoo x)\n}", "bad.rep:2:8: error: unknown type “QFoo”" },
  { "unknown-scoped-type", "class Foo {\n  PROP(Foo::Mode m)\n}", "bad.rep:2:8: error: unknown type “Foo::Mode”" },
  { "string-default-for-int", "class Foo {\n  PROP(int x = \"a\")\n}",
    "bad.rep:2:16: error: default value “\"a\"” does not fit type int" },
  { "int-default-out-of-range", "class Foo {\n  PROP(int x = 3000000000)\n}",
    "bad.rep:2:16: error: default value “3000000000” does not fit type int" },
  { "bool-default", "class Foo {\n  PROP(bool b = 1)\n}",
    "bad.rep:2:17: error: default value “1” does not fit type bool" },
  { "bad-number", "class Foo {\n  PROP(double d = 1.5.3)\n}",
    "bad.rep:2:19: error: default value “1.5.3” does not fit type double" },
  { "constructor-default", "class Foo {\n  PROP(int x = QString())\n}",
    "bad.rep:2:16: error: default value “QString(…” is not supported; use a literal" },
  { "variant-default", "class Foo {\n  PROP(QVariant v = 1)\n}",
    "bad.rep:2:21: error: default values of type QVariant are not supported" },
  { "bad-enum-default", "class Foo {\n  PROP(Mode m = Bogus)\n  ENUM Mode { A }\n}",
    "bad.rep:2:17: error: “Bogus” is not a value of ENUM Mode" },
  { "default-argument", "class Foo {\n  SLOT(void f(int a = 3))\n}",
    "bad.rep:2:21: error: default arguments are not supported" },
  { "unclosed-signal", "class Foo {\n  SIGNAL(s(int a)\n}",
    "bad.rep:3:1: error: expected “)” to close SIGNAL, found “}”" },
  { "unclosed-prop", "class Foo {\n  PROP(int x\n}",
    "bad.rep:3:1: error: expected a property modifier or “)” to close PROP, found “}”" },
  { "unclosed-class", "class Foo {\n  PROP(int x)\n",
    "bad.rep:3:1: error: class Foo (line 1) is not closed with “}”" },
  { "unterminated-comment", "/* unterminated", "bad.rep:1:1: error: unterminated comment" },
  { "unterminated-string", "class Foo {\n  PROP(QString s = \"abc)\n}",
    "bad.rep:2:20: error: unterminated string" },
  { "stray-character", "class Foo {\n  PROP(int x = 1 @)\n}", "bad.rep:2:18: error: unexpected character “@”" },
  { "not-utf8", "class Foo {\n  // \xff\n}", "bad.rep:2:6: error: the file is not valid UTF-8 text" },
  { "top-level-word", "hello",
    "bad.rep:1:1: error: expected class, ENUM, POD, USE_ENUM or #include, found “hello”" },
  { "class-without-name", "class {", "bad.rep:1:7: error: expected a class name, found “{”" },
  { "slot-without-name", "class Foo {\n  SLOT(int 3x())\n}", "bad.rep:2:12: error: expected a slot name, found “3x”" },
  { "prop-outside", "PROP(int x)", "bad.rep:1:1: error: PROP can only be used inside a class" },
  { "pod-inside", "class Foo {\n  POD P(int x)\n}", "bad.rep:2:3: error: POD can only be used outside a class" },
  { "nested-class", "class A {\n  class B {}\n}", "bad.rep:2:3: error: a class cannot be declared inside another" },
  { "void-prop", "class Foo {\n  PROP(void x)\n}",
    "bad.rep:2:8: error: void is only allowed as the return type of a SLOT" },
  { "bare-list", "class Foo {\n  PROP(QList x)\n}", "bad.rep:2:8: error: QList needs an element type, as in QList<int>" },
  { "template-int", "class Foo {\n  PROP(int<int> x)\n}", "bad.rep:2:12: error: “int” takes no template argument" },
  { "pointer", "class Foo {\n  PROP(int* p)\n}", "bad.rep:2:11: error: pointer types are not supported" },
  { "use-enum", "USE_ENUM(Qt::Orientation)\nclass Foo {\n  PROP(Orientation o)\n}",
    "bad.rep:3:8: error: “Orientation” comes from USE_ENUM, whose values ro-repc cannot see; declare it with ENUM instead" },
  { "duplicate-prop", "class Foo {\n  PROP(int x)\n  PROP(int x)\n}",
    "bad.rep:3:12: error: property “x” clashes with “x” (line 2): both are “x”" },
  { "kebab-clash", "class Foo {\n  PROP(int fooBar)\n  PROP(int foo_bar)\n}",
    "bad.rep:3:12: error: property “foo_bar” clashes with “fooBar” (line 2): both are “foo-bar”" },
  { "slot-and-signal", "class Foo {\n  SLOT(void f(QString))\n  SIGNAL(f())\n}",
    "bad.rep:2:13: error: slot “f” clashes with “f” (line 3): both are “f”" },
  { "duplicate-param", "class Foo {\n  SLOT(int f(int a, int a))\n}",
    "bad.rep:2:25: error: parameter “a” of f clashes with “a”" },
  { "hides-state", "class Foo {\n  PROP(int state)\n}",
    "bad.rep:2:12: error: property “state” would hide RoReplica:state; rename it" },
  { "hides-notify", "class Foo {\n  SIGNAL(notify())\n}",
    "bad.rep:2:10: error: signal “notify” would hide GObject::notify; rename it" },
  { "hides-initialized", "class Foo {\n  SIGNAL(initialized())\n}",
    "bad.rep:2:10: error: signal “initialized” would hide RoReplica::initialized; rename it" },
  { "symbol-clash", "class Foo {\n  PROP(int type)\n}",
    "bad.rep:2:12: error: property type of class Foo would define “foo_source_get_type”, "
    "which class Foo already defines" },
  { "type-name-clash", "class Foo {\n  ENUM Source { A }\n}",
    "bad.rep:1:7: error: class Foo would define “FooSource”, which ENUM Source of class Foo already defines" },
  { "duplicate-class", "class Foo {}\nclass Foo {}", "bad.rep:2:7: error: class Foo is declared twice (first at line 1)" },
  { "duplicate-enum", "ENUM E { A, B }\nENUM E { C }", "bad.rep:2:6: error: ENUM E is declared twice" },
  { "empty-enum", "ENUM E {}", "bad.rep:1:9: error: ENUM E has no values" },
  { "nick-clash", "ENUM E { Ab, AB }",
    "bad.rep:1:14: error: enum value “AB” clashes with “Ab” (line 1): both have the nick “ab”" },
  { "enum-value-range", "ENUM E { A = 99999999999 }",
    "bad.rep:1:14: error: “99999999999” is not an integer that fits an enum value" },
  { "empty-pod", "POD P()", "bad.rep:1:7: error: POD P has no fields" },
  { "enum-in-pod", "POD P { ENUM E { A } }", "bad.rep:1:9: error: ENUM inside a POD is not supported yet" },
  { "recursive-pod", "POD P(P inner)", "bad.rep:1:5: error: POD P contains itself" },
};

static void
test_bad (gconstpointer data)
{
  const BadRep *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RepcFile) file = repc_parse ("bad.rep", bad->text, -1, &error);

  g_assert_null (file);
  g_assert_nonnull (error);
  g_assert_true (error->domain == REPC_ERROR);
  g_assert_cmpstr (error->message, ==, bad->message);
}

static RepcFile *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  RepcFile *file = repc_parse ("good.rep", text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static void
test_names (void)
{
  static const char * const cases[][2] = {
    { "satellitesInView", "satellites-in-view" },
    { "x", "x" },
    { "HTTPServer", "http-server" },
    { "getURLForID", "get-url-for-id" },
    { "Fix2D", "fix2d" },
    { "value2Max", "value2-max" },
    { "foo_bar", "foo-bar" },
    { "foo__Bar", "foo-bar" },
    { "_private", "private" },
    { "NoFix", "no-fix" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *kebab = repc_kebab (cases[i][0]);
      g_autofree char *snake = repc_snake (cases[i][0]);
      g_autofree char *expected_snake = g_strdelimit (g_strdup (cases[i][1]), "-", '_');

      g_assert_cmpstr (kebab, ==, cases[i][1]);
      g_assert_cmpstr (snake, ==, expected_snake);
    }
}

/* What the parser makes of each construct. */
static void
test_parse (void)
{
  g_autoptr(RepcFile) file = parse_ok (
    "#include <QtCore>\n"
    "// a comment\n"
    "/* a comment\n   over lines */\n"
    "USE_ENUM(Qt::Orientation);\n"
    "ENUM Priority { Low = -1, Normal, High = 0x10, }\n"
    "POD Point(int x, int y);\n"
    "class PrinterQueue {\n"
    "  ENUM class State : quint8 { Idle, Busy }\n"
    "  PROP(int jobsInQueue)\n"
    "  PROP(int a = 1 READONLY)\n"
    "  PROP(int b READWRITE, PERSISTED)\n"
    "  PROP(int c PERSISTED)\n"
    "  PROP(QString d = \"x\" READONLY, CONSTANT)\n"
    "  PROP(int e SOURCEONLYSETTER)\n"
    "  PROP(State state2 = State::Busy)\n"
    "  PROP(QList<Point> points READONLY)\n"
    "  SLOT(restart())\n"
    "  SLOT(Point move(const Point &by, int))\n"
    "  SIGNAL(jobDone(int job, QList<QString> names));\n"
    "};\n");
  RepcClass *klass;
  RepcEnum *priority;
  RepcProperty *prop;
  RepcFunction *func;

  g_assert_cmpuint (file->directives->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->directives, 0), ==, "#include <QtCore>");
  g_assert_cmpuint (file->use_enums->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file->use_enums, 0), ==, "Qt::Orientation");

  priority = g_ptr_array_index (file->enums, 0);
  g_assert_cmpstr (priority->type_name, ==, "Priority");
  g_assert_cmpstr (priority->type_macro, ==, "TYPE_PRIORITY");
  g_assert_cmpuint (priority->values->len, ==, 3);
  g_assert_cmpint (((RepcEnumValue *) g_ptr_array_index (priority->values, 0))->value, ==, -1);
  g_assert_cmpint (((RepcEnumValue *) g_ptr_array_index (priority->values, 1))->value, ==, 0);
  g_assert_cmpint (((RepcEnumValue *) g_ptr_array_index (priority->values, 2))->value, ==, 16);
  g_assert_cmpstr (((RepcEnumValue *) g_ptr_array_index (priority->values, 2))->c_name, ==, "PRIORITY_HIGH");
  g_assert_false (priority->used);

  g_assert_cmpstr (((RepcPod *) g_ptr_array_index (file->pods, 0))->type_string, ==, "(ii)");

  klass = g_ptr_array_index (file->classes, 0);
  g_assert_cmpstr (klass->snake, ==, "printer_queue");
  g_assert_cmpstr (klass->upper, ==, "PRINTER_QUEUE");
  g_assert_cmpstr (((RepcEnum *) g_ptr_array_index (klass->enums, 0))->type_name, ==, "PrinterQueueState");
  g_assert_cmpstr (((RepcEnum *) g_ptr_array_index (klass->enums, 0))->type_macro, ==, "PRINTER_QUEUE_TYPE_STATE");
  g_assert_true (((RepcEnum *) g_ptr_array_index (klass->enums, 0))->used);

  prop = g_ptr_array_index (klass->properties, 0);
  g_assert_cmpstr (prop->gname, ==, "jobs-in-queue");
  g_assert_cmpstr (prop->snake, ==, "jobs_in_queue");
  /* As in QtRO, a PROP without a mode is READPUSH. */
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_READPUSH);
  prop = g_ptr_array_index (klass->properties, 1);
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_READONLY);
  g_assert_cmpstr (prop->default_c, ==, "1");
  prop = g_ptr_array_index (klass->properties, 2);
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_READWRITE);
  g_assert_true (prop->persisted);
  prop = g_ptr_array_index (klass->properties, 3);
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_READPUSH);
  g_assert_true (prop->persisted);
  prop = g_ptr_array_index (klass->properties, 4);
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_CONSTANT);
  g_assert_cmpstr (prop->default_c, ==, "\"x\"");
  prop = g_ptr_array_index (klass->properties, 5);
  g_assert_cmpint (prop->mode, ==, RO_PROPERTY_MODE_READONLY);
  g_assert_true (prop->source_only_setter);
  prop = g_ptr_array_index (klass->properties, 6);
  g_assert_cmpint (prop->type->kind, ==, REPC_TYPE_ENUM);
  g_assert_cmpstr (prop->default_c, ==, "PRINTER_QUEUE_STATE_BUSY");
  prop = g_ptr_array_index (klass->properties, 7);
  g_assert_cmpint (prop->type->kind, ==, REPC_TYPE_LIST);
  g_assert_cmpstr (repc_type_wire (prop->type), ==, "mv");

  func = g_ptr_array_index (klass->slots, 0);
  g_assert_cmpstr (func->name, ==, "restart");
  g_assert_cmpint (func->result->kind, ==, REPC_TYPE_VOID);
  func = g_ptr_array_index (klass->slots, 1);
  g_assert_cmpint (func->result->kind, ==, REPC_TYPE_POD);
  g_assert_cmpuint (func->params->len, ==, 2);
  g_assert_cmpstr (((RepcParam *) g_ptr_array_index (func->params, 0))->c_name, ==, "by");
  g_assert_cmpstr (((RepcParam *) g_ptr_array_index (func->params, 1))->c_name, ==, "arg2");

  func = g_ptr_array_index (klass->signals, 0);
  g_assert_cmpstr (func->gname, ==, "job-done");
  /* QList<QString> is a QStringList. */
  g_assert_cmpint (((RepcParam *) g_ptr_array_index (func->params, 1))->type->kind, ==, REPC_TYPE_STRV);
}

/* C keywords and names the generated code uses get a trailing '_'. */
static void
test_reserved_names (void)
{
  g_autoptr(RepcFile) file = parse_ok ("class K {\n"
                                       "  PROP(int default)\n"
                                       "  SLOT(void error(int self, int value))\n"
                                       "}\n");
  RepcClass *klass = g_ptr_array_index (file->classes, 0);
  RepcProperty *prop = g_ptr_array_index (klass->properties, 0);
  RepcFunction *func = g_ptr_array_index (klass->slots, 0);

  g_assert_cmpstr (prop->gname, ==, "default");
  g_assert_cmpstr (prop->c_name, ==, "default_");
  g_assert_cmpstr (func->c_name, ==, "error_");
  g_assert_cmpstr (((RepcParam *) g_ptr_array_index (func->params, 0))->c_name, ==, "self_");
  g_assert_cmpstr (((RepcParam *) g_ptr_array_index (func->params, 1))->c_name, ==, "value_");
}

/* The signature of a .rep class is the one of a GObject made by hand. */
static void
test_info (void)
{
  g_autoptr(RepcFile) file = parse_ok ("class T {\n"
                                       "  ENUM Mode { Off, On }\n"
                                       "  ENUM Unused { X }\n"
                                       "  PROP(double temperature READONLY)\n"
                                       "  PROP(Mode mode READWRITE)\n"
                                       "  SLOT(QString name(int index))\n"
                                       "  SIGNAL(overheat(QString reason, double t))\n"
                                       "}\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInterfaceInfo) info = repc_class_build_info (g_ptr_array_index (file->classes, 0), &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = ro_interface_info_to_string (info);
  g_assert_cmpstr (text, ==,
                   "property mode i READWRITE enum=TMode\n"
                   "property temperature d READONLY\n"
                   "signal overheat (msd)\n"
                   "method name (i) (ms)\n"
                   "enum TMode off=0 on=1\n");
  g_assert_cmpstr (ro_interface_info_get_name (info), ==, "T");
}

static void
run_repc (const char * const *args,
          int                *status,
          char              **out,
          char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) RO_REPC);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ro-repc-XXXXXX", &error);
  g_autofree char *bad = g_build_filename (dir, "bad.rep", NULL);
  g_autofree char *good = g_build_filename (dir, "good.rep", NULL);
  g_autofree char *header = g_build_filename (dir, "good.h", NULL);
  g_autofree char *source = g_build_filename (dir, "good.c", NULL);
  g_autofree char *other_header = g_build_filename (dir, "other.h", NULL);
  g_autofree char *other_source = g_build_filename (dir, "other.c", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  int status;

  g_assert_no_error (error);
  g_file_set_contents (bad, "class Foo {\n  MODEL m(a)\n}\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (good, "class Good { PROP(int x) }\n", -1, &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "--help", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "ro-repc [OPTION…] FILE.rep"));
    g_assert_nonnull (strstr (out, "--output-dir"));
    g_assert_nonnull (strstr (out, "--header"));
  }

  /* Errors: FILE:LINE:COLUMN: error: MESSAGE on stderr, status 1, no output. */
  {
    const char *args[] = { "-o", dir, bad, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 1);
    expected = g_strdup_printf ("%s:2:3: error: MODEL is not supported yet\n", bad);
    g_assert_cmpstr (err, ==, expected);
    g_assert_cmpstr (out, ==, "");
    g_assert_false (g_file_test (header, G_FILE_TEST_EXISTS));
  }

  {
    const char *args[] = { NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_cmpstr (err, ==, "ro-repc: error: expected one .rep file (see ro-repc --help)\n");
  }

  {
    g_autofree char *missing = g_build_filename (dir, "missing.rep", NULL);
    const char *args[] = { missing, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_str_has_prefix (err, missing));
    g_assert_nonnull (strstr (err, ": error: "));
  }

  /* -o DIR writes NAME.h and NAME.c; the source includes the header. */
  {
    const char *args[] = { "--output-dir", dir, good, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_file_test (header, G_FILE_TEST_EXISTS));
    g_file_get_contents (source, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "#include \"good.h\""));
    g_clear_pointer (&contents, g_free);
  }

  /* --header and --source name the files. */
  {
    const char *args[] = { "--header", other_header, "--source", other_source, good, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    run_repc (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_file_get_contents (other_source, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "#include \"other.h\""));
    g_assert_true (g_file_test (other_header, G_FILE_TEST_EXISTS));
  }

  g_remove (bad);
  g_remove (good);
  g_remove (header);
  g_remove (source);
  g_remove (other_header);
  g_remove (other_source);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The .rep parser of ro-repc, its error messages and its command line");

  for (guint i = 0; i < G_N_ELEMENTS (bad_reps); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Repc/Parser/error/%s", bad_reps[i].name);

      g_test_add_data_func (path, &bad_reps[i], test_bad);
    }
  g_test_add_func ("/Repc/Parser/names", test_names);
  g_test_add_func ("/Repc/Parser/parse", test_parse);
  g_test_add_func ("/Repc/Parser/reserved-names", test_reserved_names);
  g_test_add_func ("/Repc/Parser/info", test_info);
  g_test_add_func ("/Repc/Parser/cli", test_cli);

  return g_test_run ();
}
