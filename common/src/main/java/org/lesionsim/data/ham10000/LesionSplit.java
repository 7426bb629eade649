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
        // lesion -> its images; then diagnosis -> lesions; all sorted, so the input order does not
        // matter. A lesion is filed under the diagnosis of its first image (by image id), so even
        // inconsistent metadata cannot put one lesion on both sides.
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
        List<Ham10000Record> train = new ArrayList<>();
        List<Ham10000Record> validation = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Map<String, List<Ham10000Record>> classLesions : byClass.values()) {
            List<List<Ham10000Record>> groups = new ArrayList<>(classLesions.values());
            for (int i = groups.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                List<Ham10000Record> t = groups.get(i);
                groups.set(i, groups.get(j));
                groups.set(j, t);
            }
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
        train.sort(byImage);
        validation.sort(byImage);
        return new LesionSplit(List.copyOf(train), List.copyOf(validation));
    }

    public Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("train", train.size());
        m.put("validation", validation.size());
        return m;
    }
}
