export const APP_TITLE = '淄博市妇女儿童发展规划监测评估平台';
