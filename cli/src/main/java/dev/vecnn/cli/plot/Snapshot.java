package dev.vecnn.cli.plot;

import dev.vecnn.engine.data.Dataset;
import dev.vecnn.engine.model.Model;
import dev.vecnn.engine.train.Evaluation;
import dev.vecnn.kernels.Kernels;

import java.util.List;
import java.util.Map;

/**
 * What one rendering of the report is made from: a model and the epoch it was trained to, the images its figures look at (the test
 * images; {@code imageSet} names them in the captions: test, or validation for a data set without
 * test images), its results on them (null: the confusion matrix is counted from the images the
 * figures look at), the
 * run's metrics and tensor statistics so far, its settings, a line saying where the run stands,
 * and, while it trains, how often the page reloads itself (0: never, the final page).
 */
record Snapshot(Model model, int epoch, Kernels kernels, int threads, Dataset images, String imageSet, List<String> classNames,
                Evaluation evaluation,
                MetricsTable metrics, List<TensorStatistics> statistics, Map<String, String> settings, String status,
                int refreshSeconds) {}
