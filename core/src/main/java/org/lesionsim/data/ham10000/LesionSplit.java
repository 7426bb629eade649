package org.lesionsim.data.ham10000;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Train/validation split by {@code lesion_id}: HAM10000 holds several images of many lesions,
 * and an image-level split would put the same lesion on both sides and flatter every validation
 * figure. Lesions are shuffled with a seed within each diagnosis (stratified), so the validation
 * side has each class in the same proportion. In: records and a validation fraction in [0, 1]
 * (of images, met to within one lesion per class); out: both sides sorted by image id.
 */
public record LesionSplit(List<Ham10000Record> train, List<Ham10000Record> validation) {

    public static LesionSplit byLesion(List<Ham10000Record> records, double validationFraction, long seed) {
        if (validationFraction < 0 || validationFraction > 1) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1]");
        }
        List<Ham10000Record> train = new ArrayList<>();
        List<Ham10000Record> validation = new ArrayList<>();
        for (List<List<Ham10000Record>> groups : shuffledLesionsByClass(records, seed)) {
            int images = groups.stream().mapToInt(List::size).sum();
            int target = (int) Math.round(images * validationFraction);
            int taken = 0;
            for (List<Ham10000Record> g : groups) {
                if (taken < target) {
                    validation.addAll(g);
                    taken += g.size();
                } else {
                    train.addAll(g);
                }
            }
        }
        Comparator<Ham10000Record> byImage = Comparator.comparing(Ham10000Record::imageId);
        train.sort(byImage);
        validation.sort(byImage);
        return new LesionSplit(List.copyOf(train), List.copyOf(validation));
    }

    /**
     * {@code k} folds for cross-validation, by lesion and stratified as {@link #byLesion}: within
     * each diagnosis the shuffled lesions are dealt to the folds in turn, so every fold holds each
     * class in about the same proportion and no lesion lies in two folds. Each fold sorted by image id.
     */
    public static List<List<Ham10000Record>> folds(List<Ham10000Record> records, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        List<List<Ham10000Record>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (List<List<Ham10000Record>> groups : shuffledLesionsByClass(records, seed)) {
            for (List<Ham10000Record> g : groups) {
                folds.get(next++ % k).addAll(g);
            }
        }
        Comparator<Ham10000Record> byImage = Comparator.comparing(Ham10000Record::imageId);
        List<List<Ham10000Record>> sorted = new ArrayList<>();
        for (List<Ham10000Record> fold : folds) {
            fold.sort(byImage);
            sorted.add(List.copyOf(fold));
        }
        return List.copyOf(sorted);
    }

    /**
     * Per diagnosis (in name order), its lesions (each the list of its images, by image id) in a
     * seeded shuffle. A lesion is filed under the diagnosis of its first image (by image id), so
     * even inconsistent metadata cannot put one lesion on two sides; everything is sorted before
     * shuffling, so the input order does not matter.
     */
    private static List<List<List<Ham10000Record>>> shuffledLesionsByClass(List<Ham10000Record> records, long seed) {
        Map<String, List<Ham10000Record>> lesions = new TreeMap<>();
        for (Ham10000Record r : records) {
            lesions.computeIfAbsent(r.lesionId(), k -> new ArrayList<>()).add(r);
        }
        Comparator<Ham10000Record> byImage = Comparator.comparing(Ham10000Record::imageId);
        Map<String, Map<String, List<Ham10000Record>>> byClass = new TreeMap<>();
        for (Map.Entry<String, List<Ham10000Record>> lesion : lesions.entrySet()) {
            lesion.getValue().sort(byImage);
            String dx = lesion.getValue().get(0).dx();
            byClass.computeIfAbsent(dx, k -> new TreeMap<>()).put(lesion.getKey(), lesion.getValue());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<List<List<Ham10000Record>>> out = new ArrayList<>();
        for (Map<String, List<Ham10000Record>> classLesions : byClass.values()) {
            List<List<Ham10000Record>> groups = new ArrayList<>(classLesions.values());
            for (int i = groups.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                List<Ham10000Record> t = groups.get(i);
                groups.set(i, groups.get(j));
                groups.set(j, t);
            }
            out.add(groups);
        }
        return out;
    }

    public Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("train", train.size());
        m.put("validation", validation.size());
        return m;
    }
}
