package dev.vecnn.cli;

import dev.vecnn.engine.Shape;
import dev.vecnn.engine.augment.Augmentation;
import dev.vecnn.engine.train.LrSchedule;
import picocli.CommandLine;

/** Option values parsed by the engine's own parsers, their errors reported as bad option values (exit 2). */
final class Converters {
    private Converters() {}

    static final class ShapeConverter implements CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            try {
                return Shape.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class AugmentationConverter implements CommandLine.ITypeConverter<Augmentation> {
        @Override
        public Augmentation convert(String value) {
            try {
                return Augmentation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ScheduleConverter implements CommandLine.ITypeConverter<LrSchedule> {
        @Override
        public LrSchedule convert(String value) {
            try {
                return LrSchedule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
