/**
 * Record-level Focus analysis: which attribute combinations of a table's rows concentrate the
 * bad rows.
 *
 * <p>Use: build a {@link com.znyw.ml.focus.RecordTable} with
 * {@link com.znyw.ml.focus.RecordTable.Builder}, labelling each row bad or good directly or by a
 * metric and a {@link com.znyw.ml.focus.RecordTable.BadRule}, then call
 * {@link com.znyw.ml.focus.ContrastSetMiner#mine}. The miner and its
 * {@link com.znyw.ml.focus.FocusConfig} are serializable; the results are
 * {@link com.znyw.ml.focus.FocusRule} records with support, confidence and lift, best first.
 */
package com.znyw.ml.focus;
