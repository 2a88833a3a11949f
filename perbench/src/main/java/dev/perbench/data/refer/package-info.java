/**
 * The RefCOCO family in the public "refer" layout: {@code <root>/<dataset>/refs(<splitBy>).p}
 * (gRefCOCO: {@code grefs(<splitBy>).p} or {@code .json}) plus {@code instances.json}.
 *
 * <p>{@link dev.perbench.data.refer.ReferLoader} turns splits into samples (one per sentence,
 * ground truth rasterised exactly as pycocotools does; several splits with one read of the files);
 * {@link dev.perbench.data.refer.ReferRefs} reads only the refs file, for split lists and counts;
 * {@link dev.perbench.data.refer.SplitRule} is the reference tool's split selection; {@link
 * dev.perbench.data.refer.Py2PickleWriter} writes pickles the way Python 2 did, for generated data
 * sets (the RefCOCO-sized generator and load benchmark are in the {@code bench} module).
 *
 * <p>The pickles were written by Python 2, so their strings are byte strings. They are read with
 * Pyrolite, which turns a byte string (opcodes STRING, BINSTRING, SHORT_BINSTRING) into a Java
 * string of the same bytes read as Latin-1, and a unicode string (UNICODE, BINUNICODE) into the
 * same characters: exactly what Python 3's {@code pickle.load(f, encoding='latin1')} gives.
 */
package dev.perbench.data.refer;
