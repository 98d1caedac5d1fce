/* test-nmea.c: the NMEA 0183 parser of examples/gps
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Exact values for the sentences of the NMEA 0183 reference, every way a
 * line can be bad, and the replay of tests/data/gps-replay.nmea, epoch by
 * epoch, as ro-gps-daemon does it.
 */

#include <string.h>

#include "nmea.h"

#define EPSILON 1e-9
#define KNOTS (1852.0 / 3600.0)

/* The example sentences of the standard's descriptions. */
#define GGA "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"
#define RMC "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A"

/* "$" + body + "*" + its checksum */
static char *
sentence (const char *body)
{
  guint8 sum = 0;

  for (const char *p = body; *p != '\0'; p++)
    sum ^= (guint8) *p;
  return g_strdup_printf ("$%s*%02X", body, sum);
}

static void
assert_parse_error (const char *line,
                    NmeaError   code)
{
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_false (nmea_parse (line, &s, &error));
  g_assert_error (error, NMEA_ERROR, (int) code);
  {
    /* TAP is text: escape the bytes of the garbage lines. */
    g_autofree char *escaped = g_strescape (line, NULL);

    g_test_message ("“%s”: %s", escaped, error->message);
  }
}

static void
assert_body_error (const char *body,
                   NmeaError   code)
{
  g_autofree char *line = sentence (body);

  assert_parse_error (line, code);
}

static void
test_gga (void)
{
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (GGA, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.type, ==, NMEA_SENTENCE_GGA);
  g_assert_cmpstr (s.talker, ==, "GP");
  g_assert_true (s.has_time);
  g_assert_cmpfloat_with_epsilon (s.time, 12 * 3600 + 35 * 60 + 19, EPSILON);
  g_assert_true (s.has_position);
  g_assert_cmpfloat_with_epsilon (s.latitude, 48 + 7.038 / 60, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.latitude, 48.1173, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.longitude, 11 + 31.0 / 60, EPSILON);
  g_assert_cmpint (s.quality, ==, NMEA_QUALITY_GPS);
  g_assert_true (s.has_satellites);
  g_assert_cmpint (s.satellites, ==, 8);
  g_assert_true (s.has_altitude);
  g_assert_cmpfloat_with_epsilon (s.altitude, 545.4, EPSILON);
}

static void
test_rmc (void)
{
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (RMC, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.type, ==, NMEA_SENTENCE_RMC);
  g_assert_cmpfloat_with_epsilon (s.time, 45319, EPSILON);
  g_assert_true (s.active);
  g_assert_cmpint (s.mode, ==, 0);
  g_assert_cmpfloat_with_epsilon (s.latitude, 48.1173, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.longitude, 11.516666666666667, EPSILON);
  g_assert_true (s.has_speed);
  g_assert_cmpfloat_with_epsilon (s.speed, 22.4 * KNOTS, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.speed, 11.523555555555555, EPSILON);
  g_assert_true (s.has_course);
  g_assert_cmpfloat_with_epsilon (s.course, 84.4, EPSILON);
  g_assert_true (s.has_date);
  g_assert_cmpint (s.year, ==, 1994);
  g_assert_cmpint (s.month, ==, 3);
  g_assert_cmpint (s.day, ==, 23);
}

static void
test_hemispheres (void)
{
  g_autofree char *gga = sentence ("GNGGA,000000.50,3351.600,S,15112.600,W,2,12,0.7,-3.5,M,,M,,");
  g_autofree char *rmc = sentence ("GNRMC,235960.99,A,0000.000,N,18000.000,E,0.0,360.0,010100,,,D");
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (gga, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (s.talker, ==, "GN");
  g_assert_cmpfloat_with_epsilon (s.time, 0.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.latitude, -(33 + 51.6 / 60), EPSILON);
  g_assert_cmpfloat_with_epsilon (s.longitude, -(151 + 12.6 / 60), EPSILON);
  g_assert_cmpint (s.quality, ==, NMEA_QUALITY_DGPS);
  g_assert_cmpint (s.satellites, ==, 12);
  g_assert_cmpfloat_with_epsilon (s.altitude, -3.5, EPSILON);

  /* The extremes: a leap second, the equator, the antimeridian, 2000. */
  g_assert_true (nmea_parse (rmc, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s.time, 23 * 3600 + 59 * 60 + 60.99, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.latitude, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.longitude, 180, EPSILON);
  g_assert_cmpfloat_with_epsilon (s.course, 360, EPSILON);
  g_assert_cmpint (s.year, ==, 2000);
  g_assert_cmpint (s.mode, ==, 'D');
}

static void
test_empty_fields (void)
{
  g_autofree char *gga = sentence ("GPGGA,123521,,,,,0,03,,,M,,M,,");
  g_autofree char *rmc = sentence ("GPRMC,,V,,,,,,,,,");
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (gga, &s, &error));
  g_assert_no_error (error);
  g_assert_true (s.has_time);
  g_assert_false (s.has_position);
  g_assert_cmpint (s.quality, ==, NMEA_QUALITY_INVALID);
  g_assert_cmpint (s.satellites, ==, 3);
  g_assert_false (s.has_altitude);

  g_assert_true (nmea_parse (rmc, &s, &error));
  g_assert_no_error (error);
  g_assert_false (s.has_time);
  g_assert_false (s.active);
  g_assert_false (s.has_position);
  g_assert_false (s.has_speed);
  g_assert_false (s.has_course);
  g_assert_false (s.has_date);
}

static void
test_line_endings (void)
{
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (GGA "\r\n", &s, &error));
  g_assert_no_error (error);
  g_assert_true (nmea_parse ("  " GGA "\n", &s, &error));
  g_assert_no_error (error);
  /* Lowercase hexadecimal is a checksum too. */
  g_assert_true (nmea_parse ("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6a", &s, &error));
  g_assert_no_error (error);
}

static void
test_checksum (void)
{
  g_autofree char *good = sentence ("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
  g_autofree char *flipped = g_strdup (good);

  g_assert_cmpstr (good, ==, GGA);
  assert_parse_error ("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*48", NMEA_ERROR_CHECKSUM);
  assert_parse_error ("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", NMEA_ERROR_CHECKSUM);
  assert_parse_error ("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*4", NMEA_ERROR_CHECKSUM);
  assert_parse_error ("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*4G", NMEA_ERROR_CHECKSUM);
  assert_parse_error ("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*470", NMEA_ERROR_CHECKSUM);

  /* One digit changed: the sum catches it. */
  flipped[20] = flipped[20] == '3' ? '4' : '3';
  assert_parse_error (flipped, NMEA_ERROR_CHECKSUM);

  /* Two sentences run together when a line ending was lost. */
  assert_parse_error (GGA RMC, NMEA_ERROR_CHECKSUM);
}

static void
test_garbage (void)
{
  g_autofree char *long_line = g_strdup_printf ("$GPGGA,%0200d*00", 0);

  assert_parse_error ("", NMEA_ERROR_SYNTAX);
  assert_parse_error ("hello", NMEA_ERROR_SYNTAX);
  assert_parse_error ("# comment", NMEA_ERROR_SYNTAX);
  assert_parse_error ("\x01\x02 receiver rebooting \xff", NMEA_ERROR_SYNTAX);
  assert_parse_error ("$GPGGA,\xff*00", NMEA_ERROR_SYNTAX);
  assert_parse_error (long_line, NMEA_ERROR_SYNTAX);
  assert_parse_error ("$", NMEA_ERROR_CHECKSUM);
  assert_parse_error ("$GPRMC,123523,A,4807.04", NMEA_ERROR_CHECKSUM);
  assert_body_error ("", NMEA_ERROR_SYNTAX);
  assert_body_error ("GPGG", NMEA_ERROR_SYNTAX);
  assert_body_error ("gpgga,123519", NMEA_ERROR_SYNTAX);
}

static void
test_bad_fields (void)
{
  const char *bodies[] = {
    /* GGA: too few fields, then each field wrong in turn */
    "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4",
    "GPGGA,2359,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,243519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,126019,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123561,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,12351x,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,9107.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,18131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,N,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,,,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.0.38,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,-807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,48-7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,9,08,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,1,100,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,1,-1,0.9,545.4,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,nan,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,5e2,M,46.9,M,,",
    "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,F,46.9,M,,",
    /* RMC */
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394",
    "GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,-22.4,084.4,230394,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,361.0,230394,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,320394,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,231394,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,23039,003.1,W",
    "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,000394,003.1,W",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_body_error (bodies[i], NMEA_ERROR_SYNTAX);
}

static void
test_unsupported (void)
{
  g_autofree char *vtg = sentence ("GPVTG,054.7,T,034.4,M,005.5,N,010.2,K");
  g_autofree char *proprietary = sentence ("PGRME,15.0,M,45.0,M,25.0,M");

  assert_parse_error ("$GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45*75",
                      NMEA_ERROR_UNSUPPORTED);
  assert_parse_error (vtg, NMEA_ERROR_UNSUPPORTED);
  assert_parse_error (proprietary, NMEA_ERROR_UNSUPPORTED);
}

/* Random lines, some of them nearly sentences: errors, never a crash. */
static void
test_random (void)
{
  const char alphabet[] = "$*,.0123456789ABCDEFGNPRMSWV-\r\x01\xff";

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) body = g_string_new (g_test_rand_bit () ? "GPGGA," : "GPRMC,");
      g_autofree char *line = NULL;
      NmeaSentence s;
      guint length = g_test_rand_int_range (0, 90);

      for (guint j = 0; j < length; j++)
        g_string_append_c (body, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);
      line = g_test_rand_bit () ? sentence (body->str) : g_strconcat ("$", body->str, NULL);
      if (nmea_parse (line, &s, NULL))
        {
          g_assert_true (s.type == NMEA_SENTENCE_GGA || s.type == NMEA_SENTENCE_RMC);
          g_assert_true (!s.has_position || (s.latitude >= -90 && s.latitude <= 90));
          g_assert_true (!s.has_position || (s.longitude >= -180 && s.longitude <= 180));
        }
    }
}

static void
apply (NmeaFix    *fix,
       const char *body)
{
  g_autofree char *line = sentence (body);
  g_autoptr(GError) error = NULL;
  NmeaSentence s;

  g_assert_true (nmea_parse (line, &s, &error));
  g_assert_no_error (error);
  if (nmea_fix_is_new_epoch (fix, &s))
    nmea_fix_begin_epoch (fix);
  nmea_fix_apply (fix, &s);
}

static void
test_fix (void)
{
  NmeaFix fix;
  NmeaSentence s;

  nmea_fix_init (&fix);
  g_assert_true (nmea_parse (GGA, &s, NULL));
  g_assert_true (nmea_fix_is_new_epoch (&fix, &s));
  nmea_fix_begin_epoch (&fix);
  nmea_fix_apply (&fix, &s);
  g_assert_true (nmea_parse (RMC, &s, NULL));
  g_assert_false (nmea_fix_is_new_epoch (&fix, &s));
  nmea_fix_apply (&fix, &s);
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_GPS);
  g_assert_cmpfloat_with_epsilon (fix.speed, 22.4 * KNOTS, EPSILON);
  g_assert_cmpfloat_with_epsilon (fix.altitude, 545.4, EPSILON);

  /* No fix: the position stays, the quality says so. */
  apply (&fix, "GPRMC,123520,V,,,,,,,230394,,");
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_INVALID);
  g_assert_true (fix.has_position);
  g_assert_cmpfloat_with_epsilon (fix.latitude, 48.1173, EPSILON);

  /* Without GGA, RMC's mode is the quality... */
  apply (&fix, "GPRMC,123521,A,4807.040,N,01131.017,E,1.0,90.0,230394,,,D");
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_DGPS);
  apply (&fix, "GPRMC,123522,A,4807.040,N,01131.017,E,1.0,90.0,230394,,,E");
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_ESTIMATED);

  /* ...and with GGA, GGA's quality wins, in either order. */
  apply (&fix, "GPGGA,123523,4807.041,N,01131.018,E,4,10,0.5,545.0,M,,M,,");
  apply (&fix, "GPRMC,123523,A,4807.041,N,01131.018,E,1.0,90.0,230394,,,A");
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_RTK);
  apply (&fix, "GPRMC,123524,V,,,,,,,230394,,");
  apply (&fix, "GPGGA,123524,4807.042,N,01131.019,E,8,10,0.5,545.0,M,,M,,");
  g_assert_cmpint (fix.quality, ==, NMEA_QUALITY_SIMULATION);
  g_assert_cmpfloat_with_epsilon (fix.latitude, 48 + 7.042 / 60, EPSILON);
  g_assert_cmpint (fix.satellites, ==, 10);
}

static void
test_format_time (void)
{
  g_autofree char *a = nmea_format_time (45319);
  g_autofree char *b = nmea_format_time (0.5);
  g_autofree char *c = nmea_format_time (86399.99);

  g_assert_cmpstr (a, ==, "12:35:19");
  g_assert_cmpstr (b, ==, "00:00:00.50");
  g_assert_cmpstr (c, ==, "23:59:59.99");
}

typedef struct
{
  double time;
  double latitude;
  double longitude;
  double altitude;
  double speed_knots;
  double course;
  int satellites;
  NmeaQuality quality;
} Epoch;

/* tests/data/gps-replay.nmea, read the way ro-gps-daemon reads it: lines
 * grouped into epochs by their time; bad lines counted and skipped. */
static void
test_replay_log (void)
{
  static const Epoch expected[] = {
    { 45319, 48 + 7.038 / 60, 11 + 31.000 / 60, 545.4, 22.4, 84.4, 8, NMEA_QUALITY_GPS },
    { 45320, 48 + 7.040 / 60, 11 + 31.017 / 60, 545.6, 22.6, 84.1, 8, NMEA_QUALITY_GPS },
    /* lost: the last position stays */
    { 45321, 48 + 7.040 / 60, 11 + 31.017 / 60, 545.6, 22.6, 84.1, 3, NMEA_QUALITY_INVALID },
    { 45322, 48 + 7.044 / 60, 11 + 31.051 / 60, 546.0, 22.8, 83.9, 9, NMEA_QUALITY_DGPS },
    { 45323, 48 + 7.046 / 60, 11 + 31.068 / 60, 546.3, 23.0, 83.7, 10, NMEA_QUALITY_GPS },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "gps-replay.nmea", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) epochs = g_array_new (FALSE, FALSE, sizeof (NmeaFix));
  guint sentences = 0, bad = 0, ignored = 0;
  NmeaFix fix;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  nmea_fix_init (&fix);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) line_error = NULL;
      NmeaSentence s;

      if (lines[i][strspn (lines[i], " \t\r")] == '\0')
        continue;
      if (!nmea_parse (lines[i], &s, &line_error))
        {
          if (g_error_matches (line_error, NMEA_ERROR, NMEA_ERROR_UNSUPPORTED))
            ignored++;
          else
            bad++;
          continue;
        }
      sentences++;
      if (nmea_fix_is_new_epoch (&fix, &s))
        {
          if (fix.has_time)
            g_array_append_val (epochs, fix);
          nmea_fix_begin_epoch (&fix);
        }
      nmea_fix_apply (&fix, &s);
    }
  g_array_append_val (epochs, fix);

  g_assert_cmpuint (sentences, ==, 10);
  g_assert_cmpuint (bad, ==, 5);
  g_assert_cmpuint (ignored, ==, 1);
  g_assert_cmpuint (epochs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < epochs->len; i++)
    {
      NmeaFix *got = &g_array_index (epochs, NmeaFix, i);

      g_test_message ("epoch %u", i);
      g_assert_cmpfloat_with_epsilon (got->time, expected[i].time, EPSILON);
      g_assert_cmpfloat_with_epsilon (got->latitude, expected[i].latitude, EPSILON);
      g_assert_cmpfloat_with_epsilon (got->longitude, expected[i].longitude, EPSILON);
      g_assert_cmpfloat_with_epsilon (got->altitude, expected[i].altitude, EPSILON);
      g_assert_cmpfloat_with_epsilon (got->speed, expected[i].speed_knots * KNOTS, EPSILON);
      g_assert_cmpfloat_with_epsilon (got->course, expected[i].course, EPSILON);
      g_assert_cmpint (got->satellites, ==, expected[i].satellites);
      g_assert_cmpint (got->quality, ==, expected[i].quality);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The NMEA 0183 parser of ro-gps-daemon: GGA and RMC, checksums, bad lines, epochs");

  g_test_add_func ("/Nmea/gga", test_gga);
  g_test_add_func ("/Nmea/rmc", test_rmc);
  g_test_add_func ("/Nmea/hemispheres", test_hemispheres);
  g_test_add_func ("/Nmea/empty-fields", test_empty_fields);
  g_test_add_func ("/Nmea/line-endings", test_line_endings);
  g_test_add_func ("/Nmea/checksum", test_checksum);
  g_test_add_func ("/Nmea/garbage", test_garbage);
  g_test_add_func ("/Nmea/bad-fields", test_bad_fields);
  g_test_add_func ("/Nmea/unsupported", test_unsupported);
  g_test_add_func ("/Nmea/random", test_random);
  g_test_add_func ("/Nmea/fix", test_fix);
  g_test_add_func ("/Nmea/format-time", test_format_time);
  g_test_add_func ("/Nmea/replay-log", test_replay_log);
  return g_test_run ();
}
