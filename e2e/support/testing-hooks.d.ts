// The app's testing hooks on `window` (declared where they are installed), visible to e2e specs
// that read them inside page.evaluate.
import '../../src/ui/app/bootstrap';
import '../../src/ui/simulate/SimulateDock';
import '../../src/ui/simulate/MessageOverlay';
