<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="239,233,216,255"/><Option name="style" type="QString" value="solid"/><Option name="outline_color" type="QString" value="239,233,216,255"/><Option name="outline_width" type="QString" value="0.6"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;name&quot;" isExpression="1" fontSize="8" textColor="20,20,20,255" fontFamily="DejaVu Sans" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement placement="0" dist="1.5" priority="0"/>
      <rendering displayAll="0" obstacle="1" obstacleFactor="1" upsidedownLabels="0"/>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
