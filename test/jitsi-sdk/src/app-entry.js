// App bundle entry (plays the role of jitsi-meet's app.js): window.APP first, then the SDK's real
// web entry react/index.web.js, which defines JitsiMeetJS.app.{entryPoints, renderEntryPoint}, and
// last the test-only controller window.__jitsiSim and its visible control panel (not part of Jitsi).
import './app-globals.js';
import '@jitsi/react-native-sdk/react/index.web.js';
import './test-controller.ts';
import './control-panel.ts';
