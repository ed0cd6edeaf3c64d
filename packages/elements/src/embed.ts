/**
 * The one script-tag entry: `<script type="module" src="…/atlas.js"></script>`.
 * Registers every element; the map arrives in its own chunk only when a finder shows it.
 */
import './define.js';
