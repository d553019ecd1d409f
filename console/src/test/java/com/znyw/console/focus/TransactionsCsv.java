package com.znyw.console.focus;

import java.util.Random;

/**
 * Transaction records for the Focus tests: most slow transactions come from 上海分行 over
 * 手机银行, which is the root cause the tests expect.
 */
final class TransactionsCsv {

    private TransactionsCsv() {
    }

    /** Returns a CSV of {@code rows} records drawn with {@code seed}. */
    static String generate(long seed, int rows) {
        StringBuilder csv = new StringBuilder("分行,渠道,设备,app_version,latency_ms\n");
        String[] branches = {"北京分行", "上海分行", "广州分行", "深圳分行"};
        String[] channels = {"手机银行", "网上银行", "柜面"};
        String[] devices = {"ios", "android", "pc"};
        Random random = new Random(seed);
        for (int n = 0; n < rows; n++) {
            String branch = branches[random.nextInt(branches.length)];
            String channel = channels[random.nextInt(channels.length)];
            boolean slow = branch.equals("上海分行") && channel.equals("手机银行")
                    ? random.nextDouble() < 0.8 : random.nextDouble() < 0.02;
            csv.append(branch).append(',').append(channel).append(',')
                    .append(devices[random.nextInt(devices.length)]).append(",5.")
                    .append(random.nextInt(3)).append(',')
                    .append(slow ? 1500 + random.nextInt(2000) : 80 + random.nextInt(300))
                    .append('\n');
        }
        return csv.toString();
    }
}
