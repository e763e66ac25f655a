package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkloadTests {

    @Test
    void readAndUpdateWorkloadsFillTheirStoreAndAllButW2fLetItSettle() {
        assertThat(Arrays.stream(Workload.values()).filter(Workload::fillsStore))
                .containsExactly(Workload.W2, Workload.W2F, Workload.W3, Workload.W4);
        assertThat(Arrays.stream(Workload.values()).filter(Workload::settlesAfterFill))
                .containsExactly(Workload.W2, Workload.W3, Workload.W4);
    }

    @Test
    void w2fIsASingleProcessWorkloadComingRightAfterW2() {
        assertThat(Workload.of("w2f")).isEqualTo(Workload.W2F);
        assertThat(Workload.W2F.multiProcess()).isFalse();
        assertThat(Workload.W2F.ordinal()).isEqualTo(Workload.W2.ordinal() + 1); // table rows follow this order
    }
}
