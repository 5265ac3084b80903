package dev.vecnn.cli.plot;

import dev.vecnn.engine.io.BadFileException;
import dev.vecnn.engine.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTableTest {
    @TempDir
    Path dir;

    @Test
    void columnsAreFoundByNameAndEpochsAfterTheModelAreLeftOut() throws IOException {
        Path file = dir.resolve("metrics.csv");
        // Columns in another order, one more, and no validation.
        Files.writeString(file, """
                epoch,lr,extra,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second
                1,0.001,x,0.9,0.7,,,2.5,3000.0
                2,0.0005,y,0.4,0.9,,,2.0,3800.0
                3,0.0001,z,0.2,0.95,,,2.0,3800.0
                """);
        MetricsTable table = MetricsTable.read(file, 2);
        assertEquals(9, table.header().size());
        assertEquals(List.of("2", "0.0005", "y", "0.4", "0.9", "", "", "2.0", "3800.0"), table.rows().get(1));
        List<EpochMetrics> epochs = table.epochs();
        assertEquals(2, epochs.size());
        assertEquals(0.4, epochs.get(1).trainLoss());
        assertEquals(0.0005, epochs.get(1).lr());
        assertTrue(Double.isNaN(epochs.get(1).valAccuracy()));
        assertEquals(MetricsTable.EMPTY, MetricsTable.read(dir.resolve("missing.csv"), 1));
    }

    @Test
    void aDamagedFileIsNamedNotSkipped() throws IOException {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "epoch,train_loss\n1,0.5,extra\n");
        assertThrows(BadFileException.class, () -> MetricsTable.read(file, 5));
        Files.writeString(file, "epoch,train_loss\n1,lots\n");
        assertThrows(BadFileException.class, () -> MetricsTable.read(file, 5));
        Files.writeString(file, "when,train_loss\n1,0.5\n");
        assertThrows(BadFileException.class, () -> MetricsTable.read(file, 5));
    }
}
