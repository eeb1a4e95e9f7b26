/**
 * The bus contracts: small records, one per file, no behaviour, no Spring. Every record is a
 * {@link dev.ductor.model.Contract} registered in {@link dev.ductor.model.Contracts}; its JSON form is
 * pinned by a golden fixture under {@code src/test/resources/contracts/}.
 */
@NullMarked
package dev.ductor.model;

import org.jspecify.annotations.NullMarked;
