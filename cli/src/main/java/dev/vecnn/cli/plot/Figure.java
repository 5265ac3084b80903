package dev.vecnn.cli.plot;

/** One figure of the report: its file name, heading, a sentence on what it shows, the PNG, and the epoch it shows. */
record Figure(String file, String title, String caption, byte[] png, int width, int height, int epoch) {}
