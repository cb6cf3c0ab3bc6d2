/** Entry points of the panel (re-exported by src/main.ts): its google.script.run endpoints. */
export { apiPanelMonth, apiSaveConcept, apiSaveDesign, apiRecordPublication, apiSaveStrategy, apiMyTasks } from './api';
